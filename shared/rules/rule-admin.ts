/**
 * Managing rules (admins and leads): list, create, replace, reorder, enable/disable, delete,
 * and the dry run. Every save validates the JSON (zod) and refuses, before anything else, a rule
 * whose actions would change the owner (sacred ownership), with the reason in the details.
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { RuleEventFacts } from './conditions.js';
import type { RuleMatch } from './rule-engine.js';
import type { RuleRepository, VersionedRule } from './rule-repository.js';
import type { RuleRunner } from './rule-runner.js';
import { ownerChangingActions, type Rule, type TRuleDefinition, ZRuleInput } from './rule-schema.js';

export class RuleAdmin {
  constructor(
    private readonly rules: RuleRepository,
    private readonly runner: RuleRunner,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async list(): Promise<VersionedRule[]> {
    return this.rules.list();
  }

  async get(id: string): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    return found ? ok(found) : fail('REQUEST.NOT_FOUND', `No rule ${id}`);
  }

  async create(raw: unknown): Promise<Result<VersionedRule>> {
    const valid = await this.validate(raw);
    if (!valid.ok) return valid;
    const all = await this.rules.list();
    const at = this.clock.now().toISOString();
    const rule: Rule = {
      ...valid.value,
      id: this.ids.next('rule_'),
      order: (all.at(-1)?.doc.order ?? 0) + 10,
      createdAt: at,
      updatedAt: at,
    };
    const [etag] = await this.rules.save([{ rule, ifMatch: null }]);
    return ok({ doc: rule, etag: etag as string });
  }

  async update(id: string, raw: unknown, ifMatch?: string): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The rule changed since you loaded it (If-Match)');
    const valid = await this.validate(raw);
    if (!valid.ok) return valid;
    const rule: Rule = {
      ...valid.value,
      id,
      order: found.doc.order,
      createdAt: found.doc.createdAt,
      updatedAt: this.clock.now().toISOString(),
    };
    const [etag] = await this.rules.save([{ rule, ifMatch: found.etag }]);
    return ok({ doc: rule, etag: etag as string });
  }

  async setEnabled(id: string, enabled: boolean): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    const rule: Rule = { ...found.doc, enabled, updatedAt: this.clock.now().toISOString() };
    const [etag] = await this.rules.save([{ rule, ifMatch: found.etag }]);
    return ok({ doc: rule, etag: etag as string });
  }

  /** `ids` must list every rule exactly once, first to run first. */
  async reorder(ids: readonly string[]): Promise<Result<VersionedRule[]>> {
    const all = await this.rules.list();
    const known = new Set(all.map((r) => r.doc.id));
    if (ids.length !== all.length || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id)))
      return fail('REQUEST.VALIDATION_FAILED', 'List every rule id exactly once', { known: [...known] });
    const at = this.clock.now().toISOString();
    const byId = new Map(all.map((r) => [r.doc.id, r]));
    const changes = ids.map((id, i) => {
      const r = byId.get(id) as VersionedRule;
      return { rule: { ...r.doc, order: (i + 1) * 10, updatedAt: at }, ifMatch: r.etag };
    });
    await this.rules.save(changes);
    return ok(await this.rules.list());
  }

  async remove(id: string): Promise<Result<void>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    await this.rules.remove(id, found.etag);
    return ok(undefined);
  }

  ticket(ticketId: string): Promise<TicketSnapshot | undefined> {
    return this.runner.ticket(ticketId);
  }

  dryRun(ticket: TicketSnapshot, event: RuleEventFacts): Promise<RuleMatch[]> {
    return this.runner.dryRun(ticket, event);
  }

  private async validate(raw: unknown): Promise<Result<TRuleDefinition>> {
    const owner = ownerChangingActions(raw);
    if (owner.length > 0)
      return fail('REQUEST.VALIDATION_FAILED', `Rules never change the owner: ${owner.join('; ')}`, {
        reason: 'RULE.CHANGES_OWNER',
        problems: owner,
      });
    const parsed = ZRuleInput.safeParse(raw);
    if (!parsed.success)
      return fail(
        'REQUEST.VALIDATION_FAILED',
        `The rule is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        {
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      );
    for (const action of parsed.data.actions) {
      const teamId = 'teamId' in action ? action.teamId : undefined;
      if (teamId && !(await this.directory.team(teamId))) return fail('TEAM.NOT_FOUND', `No team ${teamId}`);
    }
    return ok(parsed.data);
  }
}
