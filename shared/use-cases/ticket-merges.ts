/**
 * "Merge this duplicate into that ticket" (issue 18, ADR 0035): the two saves of a merge, each
 * through the ticket's own command (ticket-merge-ops.ts holds the rules). The target is written
 * first: a merge that stops half-way leaves the source open with the target already referencing
 * it, and running the merge again finishes it (the target's `has_duplicate` link makes its side a
 * no-op). The outcome is the source's, as for every other ticket command (the bulk job reports it).
 */
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { MergeAssistChoice } from '../tickets/ticket-types.js';
import type { CommandOptions, CommandOutcome, TicketCommands } from './ticket-commands.js';

export interface MergeTicket {
  /** The target, by id. */
  readonly intoId: string;
  readonly assists: MergeAssistChoice;
}

export interface MergeOutcome {
  readonly into: { readonly id: string; readonly number: string };
  /** False when the source had been merged into the target already (a replay). */
  readonly merged: boolean;
}

export class TicketMerges {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly commands: TicketCommands,
  ) {}

  async merge(
    sourceId: string,
    input: MergeTicket,
    actor: Actor,
    options: CommandOptions = {},
  ): Promise<Result<CommandOutcome<MergeOutcome>>> {
    const source = await this.tickets.load(sourceId);
    if (!source) return fail('TICKET.NOT_FOUND', `No ticket ${sourceId}`);
    if (options.ifMatch !== undefined && options.ifMatch !== source.etag)
      return fail('REQUEST.PRECONDITION_FAILED', 'The ticket changed since you loaded it (If-Match)');
    const snapshot = source.ticket.toSnapshot();
    // Replay-safe: the target's side is a no-op once it holds the link, and the rules run on a fresh load.
    const again = { retryOnConflict: true };
    const absorbed = await this.commands.run(
      input.intoId,
      actor,
      (t, ctx) => t.absorbMerge({ snapshot, assists: source.ticket.assists() }, input.assists, ctx),
      again,
    );
    if (!absorbed.ok) return absorbed;
    const into = { id: absorbed.value.ticket.id, number: absorbed.value.ticket.number };
    const closed = await this.commands.run(sourceId, actor, (t, ctx) => t.mergeInto(into, input.assists, ctx), again);
    if (!closed.ok) return closed;
    return ok({ ...closed.value, value: { into, merged: closed.value.value } });
  }
}
