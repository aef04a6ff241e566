/**
 * The incident side of a problem (issue 17): the problem owner's "communicate workaround" writes
 * the workaround on every linked incident as an internal note marked as a suggested reply and
 * tells each incident's owner; resolving the problem tells them too. Nothing here touches an
 * incident's owner: a note and a notification take nothing from anyone.
 */
import type { TMoveProblem } from '../api/problems.schemas.js';
import type { Actor } from '../kernel/actor.js';
import { actorRef } from '../kernel/actor.js';
import { ok, type Result } from '../kernel/result.js';
import type { Notifier } from '../notifications/notification.js';
import type { RunOptions } from '../work-items/work-item-commands.js';
import { linkedIncidents } from './problem.js';
import type { TicketSide } from './problem-sides.js';
import type { ProblemSnapshot } from './problem-types.js';
import type { ProblemOutcome, ProblemUseCases } from './problem-use-cases.js';

export interface WorkaroundSent extends ProblemOutcome {
  readonly tickets: readonly { number: string; ownerId: string | null; ok: boolean }[];
}

/** The note an incident gets: its first line says where it comes from, the rest is ready to send. */
export const workaroundNote = (problem: Pick<ProblemSnapshot, 'number' | 'title'>, workaround: string): string =>
  `Workaround from ${problem.number} (${problem.title}), suggested as the reply:\n\n${workaround}`;

export class ProblemIncidentSide {
  constructor(
    private readonly problems: ProblemUseCases,
    private readonly tickets: TicketSide,
    private readonly notifier: Notifier,
  ) {}

  async communicateWorkaround(problemId: string, actor: Actor): Promise<Result<WorkaroundSent>> {
    const ran = await this.problems.run(problemId, actor, (p, ctx) => p.communicateWorkaround(ctx), {
      retryOnConflict: true,
    });
    if (!ran.ok) return ran;
    const { problem, etag, value } = ran.value;
    const body = workaroundNote(problem, value.workaround);
    const sent: { number: string; ownerId: string | null; ok: boolean }[] = [];
    for (const link of value.incidents) {
      const noted = await this.tickets.note(link.id, body, actor);
      const ticket = await this.tickets.find(link.id);
      const ownerId = ticket?.ownerId ?? null;
      sent.push({ number: link.number, ownerId, ok: noted.ok });
      if (!noted.ok || !ownerId || !ticket) continue;
      await this.notifier.notify({
        sourceId: `problem-workaround:${problem.id}:${problem.lastSeq}:${link.id}`,
        kind: 'problem.workaround',
        recipients: [ownerId],
        ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
        title: `Workaround for ${ticket.number} from ${problem.number}`,
        body: value.workaround,
        author: actorRef(actor),
      });
    }
    return ok({ problem, etag, tickets: sent });
  }

  /** Moves the problem; when it is resolved, the owners of its incidents are told. */
  async move(problemId: string, input: TMoveProblem, actor: Actor, options: RunOptions = {}) {
    const moved = await this.problems.move(problemId, input, actor, options);
    if (moved.ok && input.state === 'resolved') await this.tellResolved(moved.value.problem, actor);
    return moved;
  }

  private async tellResolved(problem: ProblemSnapshot, actor: Actor): Promise<void> {
    for (const link of linkedIncidents(problem)) {
      const ticket = await this.tickets.find(link.id);
      if (!ticket?.ownerId) continue;
      await this.notifier.notify({
        sourceId: `problem-resolved:${problem.id}:${problem.resolvedAt}:${link.id}`,
        kind: 'problem.resolved',
        recipients: [ticket.ownerId],
        ticket: { id: ticket.id, number: ticket.number, title: ticket.title },
        title: `${problem.number} is resolved: ${ticket.number} can be resolved`,
        body: problem.rootCause ? `Root cause: ${problem.rootCause.text}` : problem.title,
        author: actorRef(actor),
      });
    }
  }
}
