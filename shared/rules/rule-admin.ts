/**
 * Managing rules (admins and leads): list, create, replace, reorder, enable/disable, delete,
 * versions (every save is one, restore saves an old one again) and the dry runs. Every save
 * validates the JSON (zod) and refuses, before anything else, a rule whose actions would change
 * the owner (sacred ownership), with the reason in the details.
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { ActorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { RuleEventFacts } from './conditions.js';
import type { RuleMatch } from './rule-engine.js';
import { previewEvent, previewEventType, type RulePreviewResult, ticketPreview } from './rule-preview.js';
import type { RuleRepository, VersionedRule } from './rule-repository.js';
import type { RuleRunner } from './rule-runner.js';
import { ownerChangingActions, type Rule, type TRuleDefinition, ZRuleInput } from './rule-schema.js';
import { nextVersion, type RuleChange, type RuleVersion, versionsForSave } from './rule-versions.js';

const stale = () => fail('REQUEST.PRECONDITION_FAILED', 'The rule changed since you loaded it (If-Match)');

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

  async create(raw: unknown, by: ActorRef | null = null): Promise<Result<VersionedRule>> {
    const valid = await this.validate(raw);
    if (!valid.ok) return valid;
    const all = await this.rules.list();
    const at = this.clock.now().toISOString();
    const rule: Rule = {
      ...valid.value,
      id: this.ids.next('rule_'),
      version: 1,
      order: (all.at(-1)?.doc.order ?? 0) + 10,
      createdAt: at,
      updatedAt: at,
    };
    const [etag] = await this.rules.save([{ rule, ifMatch: null }], versionsForSave(null, rule, 'created', by));
    return ok({ doc: rule, etag: etag as string });
  }

  async update(id: string, raw: unknown, ifMatch?: string, by: ActorRef | null = null): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale();
    const valid = await this.validate(raw);
    if (!valid.ok) return valid;
    return ok(await this.saveVersion(found, valid.value, 'updated', by));
  }

  async setEnabled(
    id: string,
    enabled: boolean,
    by: ActorRef | null = null,
    ifMatch?: string,
  ): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale();
    return ok(await this.saveVersion(found, { ...found.doc, enabled }, enabled ? 'enabled' : 'disabled', by));
  }

  /** Saves an old version's definition again, as a new version (validated again: a team may be gone). */
  async restore(
    id: string,
    version: number,
    ifMatch?: string,
    by: ActorRef | null = null,
  ): Promise<Result<VersionedRule>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale();
    const old = await this.rules.version(id, version);
    if (!old) return fail('REQUEST.NOT_FOUND', `Rule ${id} has no version ${version}`);
    const valid = await this.validate(old.definition);
    if (!valid.ok) return valid;
    return ok(await this.saveVersion(found, valid.value, 'restored', by, version));
  }

  async versions(id: string): Promise<Result<RuleVersion[]>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    return ok(await this.rules.versions(id, found.doc.version ?? 1));
  }

  async version(id: string, version: number): Promise<Result<RuleVersion>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    // A rule stored before versions existed has its first version only once it is saved again.
    const v =
      (await this.rules.version(id, version)) ??
      (found.doc.version === undefined && version === 1
        ? versionsForSave(found.doc, found.doc, 'created', null)[0]
        : undefined);
    return v ? ok(v) : fail('REQUEST.NOT_FOUND', `Rule ${id} has no version ${version}`);
  }

  /** `ids` must list every rule exactly once, first to run first. Order is not part of a version. */
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

  /** Deletes the rule; its versions stay, ending with a `deleted` one. */
  async remove(id: string, by: ActorRef | null = null, ifMatch?: string): Promise<Result<void>> {
    const found = await this.rules.get(id);
    if (!found) return fail('REQUEST.NOT_FOUND', `No rule ${id}`);
    if (ifMatch !== undefined && ifMatch !== found.etag) return stale();
    const last: Rule = { ...found.doc, version: nextVersion(found.doc), updatedAt: this.clock.now().toISOString() };
    await this.rules.remove(id, found.etag, versionsForSave(found.doc, last, 'deleted', by));
    return ok(undefined);
  }

  ticket(ticketId: string): Promise<TicketSnapshot | undefined> {
    return this.runner.ticket(ticketId);
  }

  dryRun(ticket: TicketSnapshot, event: RuleEventFacts): Promise<RuleMatch[]> {
    return this.runner.dryRun(ticket, event);
  }

  /**
   * A draft rule (validated as a save would be, not saved) planned on the `limit` most recently
   * updated tickets: which would match and what would change on each.
   */
  async preview(
    raw: unknown,
    options: { limit: number; eventType?: string; eventData?: Record<string, unknown>; ruleId?: string },
  ): Promise<Result<RulePreviewResult>> {
    const valid = await this.validate(raw);
    if (!valid.ok) return valid;
    const at = this.clock.now().toISOString();
    const draft: Rule = { ...valid.value, id: options.ruleId ?? 'draft', order: 0, createdAt: at, updatedAt: at };
    const eventType = previewEventType(draft, options.eventType);
    const planned = await this.runner.dryRunDraft(
      [draft],
      options.limit,
      previewEvent(draft, eventType, options.eventData ?? {}, at),
    );
    const tickets = planned.map((p) => ticketPreview(p.ticket, p.matches));
    return ok({ eventType, examined: tickets.length, matched: tickets.filter((t) => t.matched).length, tickets });
  }

  private async saveVersion(
    found: VersionedRule,
    definition: TRuleDefinition,
    change: RuleChange,
    by: ActorRef | null,
    restoredFrom?: number,
  ): Promise<VersionedRule> {
    const rule: Rule = {
      ...definition,
      id: found.doc.id,
      version: nextVersion(found.doc),
      order: found.doc.order,
      createdAt: found.doc.createdAt,
      updatedAt: this.clock.now().toISOString(),
    };
    const versions = versionsForSave(found.doc, rule, change, by, restoredFrom);
    const [etag] = await this.rules.save([{ rule, ifMatch: found.etag }], versions);
    return { doc: rule, etag: etag as string };
  }

  private async validate(raw: unknown): Promise<Result<TRuleDefinition>> {
    const owner = ownerChangingActions(raw);
    if (owner.length > 0)
      return fail('REQUEST.VALIDATION_FAILED', `Rules never change the owner: ${owner.join('; ')}`, {
        reason: 'RULE.CHANGES_OWNER',
        problems: owner,
        errors: owner.map((message) => ({ path: 'actions', message })),
      });
    const parsed = ZRuleInput.safeParse(raw);
    if (!parsed.success)
      return fail(
        'REQUEST.VALIDATION_FAILED',
        `The rule is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        // `errors` is the problem+json member the forms show field by field.
        { errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      );
    for (const action of parsed.data.actions) {
      const teamId = 'teamId' in action ? action.teamId : undefined;
      if (teamId && !(await this.directory.team(teamId))) return fail('TEAM.NOT_FOUND', `No team ${teamId}`);
    }
    return ok(parsed.data);
  }
}
