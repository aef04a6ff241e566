/**
 * What a change or a problem needs of tickets (issues 16, 17): "create change/problem from
 * incident" reads the incident's CIs and links both ways; a problem also writes a note on its
 * incidents (the workaround) and tells their owners. The ticket side is written through the ticket's own command (its
 * kernel `link`, idempotent and replay-safe), never by writing the ticket's document from here:
 * a link takes nothing from the ticket's owner.
 */
import type { Actor } from '../kernel/actor.js';
import type { Result } from '../kernel/result.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';
import type { LinkKind, LinkTarget, WorkItemLink } from '../work-items/work-item-links.js';

export interface LinkedTicket {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly ownerId: string | null;
  readonly ciIds: readonly string[];
  /** The ticket's links to other work items (the changes it was made into, or caused by). */
  readonly links: readonly WorkItemLink[];
}

export interface TicketSide {
  /** The ticket by id or number; undefined when there is none. */
  find(idOrNumber: string): Promise<LinkedTicket | undefined>;
  link(ticketId: string, kind: LinkKind, target: LinkTarget, actor: Actor): Promise<Result<unknown>>;
  unlink(
    ticketId: string,
    kind: LinkKind,
    targetId: string,
    reason: string | null,
    actor: Actor,
  ): Promise<Result<unknown>>;
  /** An internal note on the ticket (a note takes nothing from its owner either). */
  note(ticketId: string, body: string, actor: Actor): Promise<Result<unknown>>;
}

export const ticketSide = (
  resolveId: (idOrNumber: string) => Promise<string | undefined>,
  tickets: TicketRepository,
  commands: TicketCommands,
): TicketSide => ({
  async find(idOrNumber) {
    const id = await resolveId(idOrNumber);
    const found = id ? await tickets.readSnapshot(id) : undefined;
    if (!found) return undefined;
    const { doc } = found;
    return {
      id: doc.id,
      number: doc.number,
      title: doc.title,
      ownerId: doc.ownerId,
      ciIds: (doc.affectedCis ?? []).map((c) => c.ciId),
      links: doc.links ?? [],
    };
  },
  link: (ticketId, kind, target, actor) =>
    commands.run(ticketId, actor, (t, ctx) => t.link(kind, target, ctx), { retryOnConflict: true }),
  unlink: (ticketId, kind, targetId, reason, actor) =>
    commands.run(ticketId, actor, (t, ctx) => t.unlink(kind, targetId, reason, ctx), { retryOnConflict: true }),
  note: (ticketId, body, actor) =>
    commands.run(ticketId, actor, (t, ctx) => t.addNote(body, 'internal', ctx), { retryOnConflict: true }),
});
