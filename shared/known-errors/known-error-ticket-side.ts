/**
 * What the known error database needs of tickets (issue 17): an incident's text and scope for
 * suggestions, an answered assist's question and answer for a candidate, and, for "apply
 * workaround", the incident's link to the known error and its internal note. Tickets are written
 * only through their own commands (the kernel's `link` and `addNote`): nothing here touches the
 * owner.
 */
import type { AssistSnapshot } from '../assists/assist.js';
import type { CmdbUseCases } from '../cmdb/cmdb-use-cases.js';
import type { Actor } from '../kernel/actor.js';
import type { Result } from '../kernel/result.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { LinkTarget } from '../work-items/work-item-links.js';

export interface IncidentFacts {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly ownerId: string | null;
  readonly ciIds: readonly string[];
}

export interface AnsweredAssist {
  readonly assist: AssistSnapshot;
  /** The expert's contributions and answer, in order. */
  readonly answer: string;
}

export interface KnownErrorTicketSide {
  /** The ticket by id or number; undefined when there is none. */
  facts(idOrNumber: string): Promise<IncidentFacts | undefined>;
  /** The body of the newest inbound mail, if any. */
  latestInboundMail(ticketId: string): Promise<string | null>;
  /** The ticket's CIs and the business services they impact. */
  scope(ticketId: string): Promise<string[]>;
  assist(ticketId: string, assistId: string): Promise<AnsweredAssist | undefined>;
  link(ticketId: string, target: LinkTarget, actor: Actor): Promise<Result<unknown>>;
  addNote(ticketId: string, body: string, actor: Actor): Promise<Result<unknown>>;
}

type Entry = TimelineEntry & StoredDocument;

export const knownErrorTicketSide = (deps: {
  readonly resolveId: (idOrNumber: string) => Promise<string | undefined>;
  readonly store: DocumentStore;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly cmdb: Pick<CmdbUseCases, 'ticketCis'>;
}): KnownErrorTicketSide => ({
  async facts(idOrNumber) {
    const id = await deps.resolveId(idOrNumber);
    const found = id ? await deps.tickets.readSnapshot(id) : undefined;
    if (!found) return undefined;
    const t = found.doc;
    return {
      id: t.id,
      number: t.number,
      title: t.title,
      description: t.description,
      ownerId: t.ownerId,
      ciIds: (t.affectedCis ?? []).map((c) => c.ciId),
    };
  },
  async latestInboundMail(ticketId) {
    // Newest first inside the ticket's partition: the first inbound mail among the last entries.
    const page = await deps.store.query<Entry>('tickets', {
      partitionKey: ticketId,
      where: [
        { field: 'ticketId', op: 'eq', value: ticketId },
        { field: 'docType', op: 'eq', value: 'entry' },
        { field: 'kind', op: 'eq', value: 'email_in' },
      ],
      orderBy: [{ field: 'seq', direction: 'desc' }],
      limit: 1,
    });
    return page.items[0]?.doc.body ?? null;
  },
  async scope(ticketId) {
    const cis = await deps.cmdb.ticketCis(ticketId);
    if (!cis.ok) return [];
    return [...new Set([...cis.value.items.map((i) => i.ciId), ...cis.value.businessServices.map((s) => s.ci.id)])];
  },
  async assist(ticketId, assistId) {
    const assist = (await deps.tickets.assistsOf(ticketId)).find((a) => a.id === assistId);
    if (!assist) return undefined;
    const page = await deps.store.query<Entry>('tickets', {
      partitionKey: ticketId,
      where: [
        { field: 'ticketId', op: 'eq', value: ticketId },
        { field: 'docType', op: 'eq', value: 'entry' },
        { field: 'assistId', op: 'eq', value: assistId },
      ],
      orderBy: [{ field: 'seq', direction: 'asc' }],
      limit: 100,
    });
    const answer = page.items
      .map((i) => i.doc)
      .filter((e) => e.kind === 'assist_contribution' || e.kind === 'assist_answered')
      .map((e) => (e.body ?? '').trim())
      .filter(Boolean)
      .join('\n\n');
    return { assist, answer };
  },
  link: (ticketId, target, actor) =>
    deps.commands.run(ticketId, actor, (t, ctx) => t.link('workaround_from', target, ctx), { retryOnConflict: true }),
  addNote: (ticketId, body, actor) =>
    deps.commands.run(ticketId, actor, (t, ctx) => t.addNote(body, 'internal', ctx), { retryOnConflict: true }),
});
