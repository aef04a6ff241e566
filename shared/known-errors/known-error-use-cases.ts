/**
 * The known error database's use cases (issue 17, ADR 0034): write, edit (If-Match, a new version
 * each time), publish, retire, redraft, read, list, versions; "apply workaround" on an incident;
 * an answered assist promoted into a draft (the candidates queue); suggestions for an incident.
 * Each write is load -> domain -> one atomic batch (document, version, event) -> relay, so the
 * index follows from the event at once (and from the sweep after a crash).
 */
import type {
  TApplyWorkaround,
  TCreateKnownError,
  TEditKnownError,
  TListKnownErrorsQuery,
} from '../api/known-errors.schemas.js';
import type { KnownErrorOutbox } from '../events/domain-event.js';
import type { OutboxRelay } from '../events/outbox-relay.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { ConcurrencyConflictError } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type RunOptions, runOnWorkItem } from '../work-items/work-item-commands.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import {
  actOnKnownError,
  countUse,
  createKnownError,
  type KnownErrorSnapshot,
  type KnownErrorStep,
  type KnownErrorVersion,
} from './known-error.js';
import type { KnownErrorRepository } from './known-error-repository.js';
import type { KnownErrorAction } from './known-error-state.js';
import type { KnownErrorSuggestion, KnownErrorSuggestions } from './known-error-suggestions.js';
import type { KnownErrorTicketSide } from './known-error-ticket-side.js';
import type { SimilarIncidents } from './similar-incidents.js';

export interface KnownErrorOutcome {
  readonly knownError: KnownErrorSnapshot;
  readonly etag: string;
}

const KE_NUMBER = /^KE-\d{1,12}$/i;
/** The incident text a suggestion query reads (title, description, newest mail), at most. */
const MAX_SUGGESTION_TEXT = 8_000;

export class KnownErrorUseCases {
  constructor(
    private readonly repo: KnownErrorRepository,
    private readonly numbers: WorkItemNumberAllocator,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly relay: OutboxRelay,
    private readonly suggestions: KnownErrorSuggestions,
    private readonly similar: SimilarIncidents,
    private readonly tickets?: KnownErrorTicketSide,
    private readonly onRelayError: (error: unknown) => void = () => {},
  ) {}

  private context(actor: Actor): ChangeContext {
    return { actor, now: this.clock.now(), ids: this.ids };
  }

  private async save(step: KnownErrorStep, etag: string | null, ctx: ChangeContext): Promise<string> {
    const saved = await this.repo.save(step, etag, ctx.actor, this.ids, ctx.now);
    await this.publish(step.knownError.id, saved.outbox);
    return saved.etag;
  }

  /** Relays at once for low latency; a failure leaves the outbox to the sweep. */
  private async publish(id: string, outbox: KnownErrorOutbox): Promise<void> {
    try {
      await this.relay.relay(id, [outbox], 'knowledge');
    } catch (error) {
      this.onRelayError(error);
    }
  }

  async create(input: TCreateKnownError, actor: Actor): Promise<Result<KnownErrorOutcome>> {
    if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Agents write known errors');
    const ctx = this.context(actor);
    const made = createKnownError(
      {
        id: this.ids.next('ke'),
        number: await this.numbers.next('KE'),
        title: input.title,
        symptoms: input.symptoms ?? '',
        rootCause: input.rootCause ?? '',
        workaround: input.workaround ?? '',
        errorCodes: input.errorCodes ?? [],
        problemId: input.problemId ?? null,
        ciIds: input.ciIds ?? [],
        serviceIds: input.serviceIds ?? [],
      },
      ctx,
    );
    if (!made.ok) return made;
    const etag = await this.save(made.value, null, ctx);
    return ok({ knownError: made.value.knownError, etag });
  }

  async resolveId(idOrNumber: string): Promise<string | undefined> {
    if (KE_NUMBER.test(idOrNumber)) return this.repo.findIdByNumber(idOrNumber);
    return (await this.repo.read(idOrNumber)) ? idOrNumber : undefined;
  }

  async get(id: string): Promise<Result<KnownErrorOutcome>> {
    const found = await this.repo.read(id);
    return found
      ? ok({ knownError: found.doc, etag: found.etag })
      : fail('KNOWN_ERROR.NOT_FOUND', `No known error ${id}`);
  }

  async list(query: TListKnownErrorsQuery) {
    const page = await this.repo.list({
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  async versions(
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: KnownErrorVersion[]; nextCursor: string | null }> {
    const page = await this.repo.versions(id, limit, cursor);
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  edit(id: string, input: TEditKnownError, actor: Actor, options: RunOptions = {}) {
    return this.act(id, 'edit', actor, options, input);
  }

  /** Publish, retire or redraft (and edit): a move of the table, a new version, one event. */
  async act(
    id: string,
    action: KnownErrorAction,
    actor: Actor,
    options: RunOptions = {},
    edit?: TEditKnownError,
  ): Promise<Result<KnownErrorOutcome>> {
    return this.run(id, actor, options, (ke, ctx) =>
      actOnKnownError(
        ke,
        action,
        ctx,
        edit ? Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)) : undefined,
      ),
    );
  }

  private async run(
    id: string,
    actor: Actor,
    options: RunOptions,
    command: (ke: KnownErrorSnapshot, ctx: ChangeContext) => Result<KnownErrorStep>,
  ): Promise<Result<KnownErrorOutcome>> {
    let step: KnownErrorStep | undefined;
    let ctx: ChangeContext | undefined;
    const ran = await runOnWorkItem({
      noun: 'known error',
      load: async () => {
        const found = await this.repo.read(id);
        return found ? { item: found.doc as KnownErrorSnapshot, etag: found.etag } : undefined;
      },
      notFound: () => fail('KNOWN_ERROR.NOT_FOUND', `No known error ${id}`),
      context: () => {
        ctx = this.context(actor);
        return ctx;
      },
      command: (ke, c) => {
        const result = command(ke, c);
        if (result.ok) step = result.value;
        return result;
      },
      save: (_ke, etag) => this.save(step as KnownErrorStep, etag, ctx as ChangeContext),
      options,
    });
    if (!ran.ok) return ran;
    return ok({ knownError: (step as KnownErrorStep).knownError, etag: ran.value.saved });
  }

  /**
   * Applies the workaround to an incident: the use is counted on the known error, the incident
   * links to it (`workaround_from`), and with `as: note` the workaround is written as an internal
   * note; `as: reply` hands the text back for the agent's reply draft (a reply is only sent by the agent).
   */
  async applyWorkaround(id: string, input: TApplyWorkaround, actor: Actor) {
    if (actor.kind !== 'agent') return fail<never>('AUTH.FORBIDDEN', 'Agents apply workarounds');
    const ticket = await this.tickets?.facts(input.ticketId);
    if (!ticket || !this.tickets) return fail<never>('TICKET.NOT_FOUND', `No ticket ${input.ticketId}`);
    const counted = await this.run(id, actor, { retryOnConflict: true }, (ke, ctx) => countUse(ke, ctx));
    if (!counted.ok) return counted;
    const ke = counted.value.knownError;
    const linked = await this.tickets.link(ticket.id, { practice: 'known_error', id: ke.id, number: ke.number }, actor);
    if (!linked.ok) return linked;
    const text = `Workaround from ${ke.number} (${ke.title}):\n${ke.workaround}`;
    if (input.as === 'note') {
      const noted = await this.tickets.addNote(ticket.id, text, actor);
      if (!noted.ok) return noted;
    }
    return ok({ knownError: ke, ticketId: ticket.id, text, noted: input.as === 'note' });
  }

  /**
   * Promotes an answered assist into a known-error draft in one step: the assist's question is
   * the symptoms, the expert's answer the workaround, the incident's title and CIs carried over.
   * Only the incident's owner or the assist's expert may; promoting again returns the same draft
   * (its id is derived from the assist).
   */
  async promoteAssist(ticketRef: string, assistId: string, actor: Actor): Promise<Result<KnownErrorOutcome>> {
    if (actor.kind !== 'agent') return fail('AUTH.FORBIDDEN', 'Agents promote assists');
    const ticket = await this.tickets?.facts(ticketRef);
    if (!ticket || !this.tickets) return fail('TICKET.NOT_FOUND', `No ticket ${ticketRef}`);
    const found = await this.tickets.assist(ticket.id, assistId);
    if (!found) return fail('ASSIST.NOT_FOUND', `No assist ${assistId} on ${ticket.number}`);
    const { assist, answer } = found;
    if (assist.state !== 'answered')
      return fail('ASSIST.NOT_ANSWERED', `The assist is ${assist.state}: only an answered one becomes a known error`);
    if (ticket.ownerId !== actor.agentId && assist.expertAgentId !== actor.agentId)
      return fail('AUTH.FORBIDDEN', "Only the incident's owner or the assist's expert promotes it");
    const id = `ke-${assist.id}`;
    const existing = await this.repo.read(id);
    if (existing) return ok({ knownError: existing.doc, etag: existing.etag });
    const ctx = this.context(actor);
    const made = createKnownError(
      {
        id,
        number: await this.numbers.next('KE'),
        title: ticket.title,
        symptoms: assist.question,
        rootCause: '',
        workaround: answer,
        errorCodes: [],
        problemId: null,
        ciIds: ticket.ciIds,
        serviceIds: [],
        source: { kind: 'assist', ticketId: ticket.id, ticketNumber: ticket.number, assistId: assist.id },
      },
      ctx,
    );
    if (!made.ok) return made;
    try {
      const etag = await this.save(made.value, null, ctx);
      return ok({ knownError: made.value.knownError, etag });
    } catch (error) {
      // Promoted twice at once: the other one made it.
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      const other = await this.repo.read(id);
      if (!other) throw error;
      return ok({ knownError: other.doc, etag: other.etag });
    }
  }

  /** The candidates queue: promoted drafts, newest first, each with its similar incidents counted. */
  async candidates(limit: number, cursor?: string) {
    const page = await this.repo.list({ candidates: true, limit, ...(cursor ? { cursor } : {}) });
    const items = await Promise.all(
      page.items.map(async ({ doc }) => {
        const similar = await this.similar.count(`${doc.title}\n${doc.symptoms}`);
        return { knownError: doc, similarIncidents: similar.count, similarMore: similar.more };
      }),
    );
    return { items, nextCursor: page.nextCursor };
  }

  /** Published known errors for the incident (recomputed on every read: ADR 0034). */
  async suggestFor(ticketRef: string, limit: number): Promise<Result<KnownErrorSuggestion[]>> {
    const ticket = await this.tickets?.facts(ticketRef);
    if (!ticket || !this.tickets) return fail('TICKET.NOT_FOUND', `No ticket ${ticketRef}`);
    const [mail, scope] = await Promise.all([this.tickets.latestInboundMail(ticket.id), this.tickets.scope(ticket.id)]);
    const text = [ticket.title, ticket.description, mail ?? ''].join('\n').slice(0, MAX_SUGGESTION_TEXT);
    return ok(await this.suggestions.suggest({ text, scope, limit }));
  }
}
