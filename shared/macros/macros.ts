/**
 * The macro use cases: list what the caller may use (searchable), create/change/delete by the
 * people allowed to, preview on a ticket, and apply: the text (rendered against the very ticket
 * the command loads) plus the actions go through the Ticket aggregate's named methods in ONE
 * command (reply or note, field edits, status), so each ticket's own rules decide, and either
 * everything lands or nothing. No macro can touch the owner: its actions have no such field.
 */
import type {
  TApplyMacro,
  TCreateMacro,
  TListMacrosQuery,
  TMacroActions,
  TMacroPreview,
  TPreviewMacro,
  TUpdateMacro,
} from '../api/macros.schemas.js';
import type { AgentSnapshot } from '../directory/agent.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, actorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { ConfigCollection } from '../storage/config-collection.js';
import type { Ticket } from '../tickets/ticket.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { CommandOptions, CommandOutcome, TicketCommands } from '../use-cases/ticket-commands.js';
import { canManageMacro, canSeeMacro, type MacroDoc, planActions } from './macro.js';
import { macroContext } from './macro-context.js';
import { RENDERED_MAX_CHARS, type TemplateEngine, textToHtml } from './template-engine.js';

/** What applying needs besides the ticket, read once (a bulk job reads it once per chunk). */
export interface MacroRun {
  readonly macro: Pick<MacroDoc, 'body' | 'actions' | 'mode'>;
  readonly agent: Pick<AgentSnapshot, 'name' | 'email'> | null;
  readonly teamNames: ReadonlyMap<string, string>;
}

const USAGE_ATTEMPTS = 5;

export class Macros {
  private readonly docs: ConfigCollection<MacroDoc>;

  constructor(
    store: DocumentStore,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketRepository,
    private readonly commands: TicketCommands,
    private readonly engine: TemplateEngine,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.docs = new ConfigCollection(store, 'macros', 'macro');
  }

  /** The macros the caller may use, most used first, narrowed by words of the name or text. */
  async list(query: TListMacrosQuery, actor: Actor): Promise<{ macro: MacroDoc; canManage: boolean }[]> {
    const teams = new Map((await this.directory.teams()).map((t) => [t.id, t]));
    const words = (query.q ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w !== '');
    return (await this.docs.all())
      .map((v) => v.doc)
      .filter((m) => canSeeMacro(actor, m) && (!query.scope || m.scope === query.scope))
      .filter((m) => {
        const text = `${m.name} ${m.description} ${m.body}`.toLowerCase();
        return words.every((w) => text.includes(w));
      })
      .sort((a, b) => b.usageCount - a.usageCount || a.name.localeCompare(b.name))
      .map((macro) => ({ macro, canManage: canManageMacro(actor, macro, teams.get(macro.teamId ?? '')) }));
  }

  async get(id: string, actor: Actor): Promise<Result<{ macro: MacroDoc; etag: string; canManage: boolean }>> {
    const found = await this.docs.get(id);
    if (!found || !canSeeMacro(actor, found.doc)) return fail('MACRO.NOT_FOUND', `No macro ${id}`);
    const team = found.doc.teamId ? await this.directory.team(found.doc.teamId) : undefined;
    return ok({ macro: found.doc, etag: found.etag, canManage: canManageMacro(actor, found.doc, team) });
  }

  async create(input: TCreateMacro, actor: Actor): Promise<Result<{ macro: MacroDoc; etag: string }>> {
    if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Only agents write macros');
    const team = input.scope === 'team' && input.teamId ? await this.directory.team(input.teamId) : undefined;
    if (input.scope === 'team' && !team) return fail('TEAM.NOT_FOUND', `No team ${input.teamId}`);
    const at = this.clock.now().toISOString();
    const macro: MacroDoc = {
      id: this.ids.next('mac_'),
      pk: 'macros',
      docType: 'macro',
      name: input.name,
      description: input.description,
      scope: input.scope,
      ownerAgentId: input.scope === 'personal' ? actor.agentId : null,
      teamId: input.scope === 'team' ? (input.teamId ?? null) : null,
      mode: input.mode,
      body: input.body,
      actions: input.actions,
      usageCount: 0,
      lastUsedAt: null,
      createdBy: actorRef(actor),
      createdAt: at,
      updatedAt: at,
    };
    if (!canManageMacro(actor, macro, team))
      return fail(
        'AUTH.FORBIDDEN',
        `Only ${macro.scope === 'team' ? "the team's leads" : 'leads'} and admins write ${macro.scope} macros`,
      );
    const checked = await this.check(macro.body, macro.actions);
    if (!checked.ok) return checked;
    return ok({ macro, etag: await this.docs.create(macro) });
  }

  async update(
    id: string,
    patch: TUpdateMacro,
    actor: Actor,
    ifMatch?: string,
  ): Promise<Result<{ macro: MacroDoc; etag: string }>> {
    const found = await this.get(id, actor);
    if (!found.ok) return found;
    if (!found.value.canManage) return fail('AUTH.FORBIDDEN', 'You may use this macro but not change it');
    if (ifMatch !== undefined && ifMatch !== found.value.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The macro changed since you loaded it (If-Match)');
    const macro: MacroDoc = { ...found.value.macro, ...patch, updatedAt: this.clock.now().toISOString() };
    const checked = await this.check(macro.body, macro.actions);
    if (!checked.ok) return checked;
    return ok({ macro, etag: await this.docs.replace(macro, found.value.etag) });
  }

  async remove(id: string, actor: Actor): Promise<Result<void>> {
    const found = await this.get(id, actor);
    if (!found.ok) return found;
    if (!found.value.canManage) return fail('AUTH.FORBIDDEN', 'You may use this macro but not delete it');
    await this.docs.remove(id, found.value.etag);
    return ok(undefined);
  }

  /** The rendered text and the changes, on the ticket as it is now; nothing is written. */
  async preview(input: TPreviewMacro, actor: Actor): Promise<Result<TMacroPreview>> {
    let source: Pick<MacroDoc, 'body' | 'actions' | 'mode'> = {
      body: input.body ?? '',
      actions: input.actions ?? {},
      mode: 'note',
    };
    if (input.macroId) {
      const found = await this.get(input.macroId, actor);
      if (!found.ok) return found;
      source = {
        body: input.body ?? found.value.macro.body,
        actions: input.actions ?? found.value.macro.actions,
        mode: found.value.macro.mode,
      };
    }
    const ticket = await this.tickets.readSnapshot(input.ticketId);
    if (!ticket) return fail('TICKET.NOT_FOUND', `No ticket ${input.ticketId}`);
    const run = await this.prepare(source, actor);
    const text = this.render(run, ticket.doc);
    if (!text.ok) return text;
    const plan = planActions(ticket.doc, source.actions);
    return ok({ text: text.value, html: textToHtml(text.value), mode: source.mode, changes: [...plan.changes] });
  }

  /** Applies a stored macro on one ticket (the HTTP route) and counts the use. */
  async apply(
    macroId: string,
    input: TApplyMacro,
    actor: Actor,
    options: CommandOptions = {},
  ): Promise<Result<CommandOutcome<void> & { macro: MacroDoc; canManage: boolean }>> {
    const found = await this.get(macroId, actor);
    if (!found.ok) return found;
    const run = await this.prepare(found.value.macro, actor);
    const applied = await this.applyWith(run, input.ticketId, actor, { mode: input.mode, body: input.body }, options);
    if (!applied.ok) return applied;
    const macro = await this.countUse(macroId);
    return ok({ ...applied.value, macro: macro ?? found.value.macro, canManage: found.value.canManage });
  }

  /** Reads what rendering needs besides the ticket: the acting agent and the team names. */
  async prepare(macro: MacroRun['macro'], actor: Actor): Promise<MacroRun> {
    const agent = actor.kind === 'agent' ? ((await this.directory.agent(actor.agentId)) ?? null) : null;
    const teamNames = new Map((await this.directory.teams()).map((t) => [t.id, t.name]));
    return { macro, agent, teamNames };
  }

  /**
   * One ticket, one command: render against the loaded ticket, write the reply or note, edit the
   * fields, move the status. Any refusal (not the owner, an illegal move, a closed ticket) leaves
   * the ticket untouched and comes back as the result.
   */
  applyWith(
    run: MacroRun,
    ticketId: string,
    actor: Actor,
    override: { mode?: 'reply' | 'note' | undefined; body?: string | undefined } = {},
    options: CommandOptions = {},
  ): Promise<Result<CommandOutcome<void>>> {
    const mode = override.mode ?? run.macro.mode;
    return this.commands.run(
      ticketId,
      actor,
      (t: Ticket, ctx) => {
        const snapshot = t.toSnapshot();
        const text = override.body !== undefined ? ok(override.body) : this.render(run, snapshot);
        if (!text.ok) return text;
        if (text.value.trim() !== '') {
          const wrote =
            mode === 'reply' ? t.reply({ body: text.value, cc: [] }, ctx) : t.addNote(text.value, 'internal', ctx);
          if (!wrote.ok) return wrote;
        }
        const plan = planActions(snapshot, run.macro.actions);
        if (Object.keys(plan.patch).length > 0) {
          const edited = t.updateFields(plan.patch, ctx);
          if (!edited.ok) return edited;
        }
        if (plan.status) {
          const moved = t.changeStatus(plan.status, null, ctx);
          if (!moved.ok) return moved;
        }
        return ok(undefined);
      },
      options,
    );
  }

  private render(run: MacroRun, ticket: Parameters<typeof macroContext>[0]): Result<string> {
    if (run.macro.body === '') return ok('');
    const context = macroContext(ticket, run.agent, (id) => run.teamNames.get(id));
    const rendered = this.engine.render(run.macro.body, context);
    if (rendered.ok && rendered.value.length > RENDERED_MAX_CHARS)
      return fail(
        'MACRO.TEMPLATE_LIMIT',
        `The rendered text is over ${RENDERED_MAX_CHARS.toLocaleString('en-US')} characters`,
      );
    return rendered;
  }

  /** A macro is checked when saved: its text must render (on sample values) and its team must exist. */
  private async check(body: string, actions: TMacroActions): Promise<Result<void>> {
    if (actions.teamId && !(await this.directory.team(actions.teamId)))
      return fail('TEAM.NOT_FOUND', `No team ${actions.teamId}`);
    const sample = this.engine.render(body, SAMPLE_CONTEXT);
    return sample.ok ? ok(undefined) : sample;
  }

  /** Adds `uses` to the macro's count (a bulk job counts its tickets at once). */
  async countUse(id: string, uses = 1): Promise<MacroDoc | undefined> {
    // A lost count under heavy contention is acceptable (undefined); the reply itself landed.
    const at = this.clock.now().toISOString();
    return this.docs.update(id, (m) => ({ ...m, usageCount: m.usageCount + uses, lastUsedAt: at }), USAGE_ATTEMPTS);
  }
}

const SAMPLE_CONTEXT = {
  ticket: { number: 'INC-1000', title: 'Sample', status: 'open', priority: 'P3', type: 'incident', createdAt: '' },
  requester: { name: 'Pat Sample', firstName: 'Pat', lastName: 'Sample', email: 'pat@example.com' },
  agent: { name: 'Alex Agent', firstName: 'Alex', email: 'alex@example.com' },
  company: { name: 'Example Ltd', tier: '' },
  team: { name: 'Service Desk' },
};
