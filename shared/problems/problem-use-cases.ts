/**
 * The problem use cases (issue 17): create (blank, from incidents, from an unsuccessful change;
 * numbered PRB-), read, list, timeline and the commands, each through the kernel's load -> domain
 * -> atomic save loop (work-items/work-item-commands.ts). Links are written on both sides, each
 * through its own practice's command; the incident side (notes, notifications) is in
 * problem-incident-side.ts.
 */
import type {
  TAddProblemTask,
  TCreateProblem,
  TListProblemsQuery,
  TMoveProblem,
  TProblemLinks,
  TProblemNote,
  TTransferProblem,
  TUpdateProblem,
  TUpdateProblemTask,
} from '../api/problems.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { OutboxRelay } from '../events/outbox-relay.js';
import type { Actor } from '../kernel/actor.js';
import type { ChangeContext } from '../kernel/change-context.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { type RunOptions, runOnWorkItem } from '../work-items/work-item-commands.js';
import type { LinkTarget } from '../work-items/work-item-links.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import { Problem } from './problem.js';
import type { ProblemRepository } from './problem-repository.js';
import {
  type ChangeSide,
  isUnsuccessful,
  type LinkedChange,
  type LinkedTicket,
  type TicketSide,
} from './problem-sides.js';
import type { ProblemSnapshot } from './problem-types.js';

export interface ProblemOutcome {
  readonly problem: ProblemSnapshot;
  readonly etag: string;
}

export interface ProblemPorts {
  readonly problems: ProblemRepository;
  readonly numbers: WorkItemNumberAllocator;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly relay: OutboxRelay;
  readonly tickets: TicketSide;
  readonly changes: ChangeSide;
  readonly onRelayError?: (error: unknown) => void;
}

const PROBLEM_NUMBER = /^PRB-\d{1,12}$/i;

const targetOf = (p: { id: string; number: string }): LinkTarget => ({
  practice: 'problem',
  id: p.id,
  number: p.number,
});

export class ProblemUseCases {
  constructor(private readonly ports: ProblemPorts) {}

  /**
   * Raises a problem, blank or from incidents (their CIs copied, each linked both ways) or from an
   * unsuccessful change (its CIs copied, `created_from` it). `clusterKey` names the suggested
   * cluster it was accepted from.
   */
  async create(input: TCreateProblem, actor: Actor, clusterKey: string | null = null): Promise<Result<ProblemOutcome>> {
    if (actor.kind !== 'agent' && actor.kind !== 'system') return fail('AUTH.FORBIDDEN', 'Agents raise problems');
    const { fromTickets, fromChange, title, ...fields } = input;
    const incidents: LinkedTicket[] = [];
    for (const ref of new Set(fromTickets ?? [])) {
      const found = await this.ports.tickets.find(ref);
      if (!found) return fail('TICKET.NOT_FOUND', `No ticket ${ref}`);
      if (!incidents.some((t) => t.id === found.id)) incidents.push(found);
    }
    let change: LinkedChange | undefined;
    if (fromChange) {
      change = await this.ports.changes.find(fromChange);
      if (!change) return fail('CHANGE.NOT_FOUND', `No change ${fromChange}`);
      if (!isUnsuccessful(change.closeCode))
        return fail('PROBLEM.NOT_READY', `${change.number} did not end unsuccessfully`, {
          missing: 'unsuccessfulChange',
        });
    }
    const number = await this.ports.numbers.next('PRB');
    const ctx = this.context(actor);
    const affectedCiIds = [
      ...(fields.affectedCiIds ?? []),
      ...incidents.flatMap((t) => t.ciIds),
      ...(change?.affectedCiIds ?? []),
    ];
    const made = Problem.create(
      {
        ...fields,
        number,
        title: title ?? incidents[0]?.title ?? `Unsuccessful ${change?.number}: ${change?.title}`,
        affectedCiIds,
        clusterKey,
      },
      ctx,
    );
    if (!made.ok) return made;
    const problem = made.value;
    for (const t of incidents) {
      const linked = problem.link('has_symptom', { practice: 'ticket', id: t.id, number: t.number }, ctx);
      if (!linked.ok) return linked;
    }
    if (change) {
      const linked = problem.link('created_from', { practice: 'change', id: change.id, number: change.number }, ctx);
      if (!linked.ok) return linked;
    }
    const saved = await this.save(problem, null);
    // The other sides, each through its own command (idempotent, replay-safe).
    for (const t of incidents) {
      const back = await this.ports.tickets.link(t.id, 'symptom_of', targetOf(problem), actor);
      if (!back.ok) return back;
    }
    if (change) {
      const back = await this.ports.changes.link(change.id, 'created', targetOf(problem), actor);
      if (!back.ok) return back;
    }
    return ok({ problem: problem.toSnapshot(), etag: saved.etag });
  }

  /** A problem id or its number (PRB-1001) to the id; undefined when there is none. */
  async resolveId(idOrNumber: string): Promise<string | undefined> {
    if (PROBLEM_NUMBER.test(idOrNumber)) return this.ports.problems.findIdByNumber(idOrNumber);
    return (await this.ports.problems.readSnapshot(idOrNumber)) ? idOrNumber : undefined;
  }

  async get(problemId: string): Promise<Result<ProblemOutcome>> {
    const found = await this.ports.problems.readSnapshot(problemId);
    return found ? ok({ problem: found.doc, etag: found.etag }) : fail('PROBLEM.NOT_FOUND', `No problem ${problemId}`);
  }

  async list(
    query: TListProblemsQuery,
    actor: Actor,
  ): Promise<{ items: ProblemSnapshot[]; nextCursor: string | null }> {
    const ownerId = query.owner === 'me' ? (actor.kind === 'agent' ? actor.agentId : '') : query.owner;
    const page = await this.ports.problems.list({
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.priority ? { priority: query.priority } : {}),
      ...(ownerId !== undefined ? { ownerId } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  async timeline(problemId: string, limit: number, cursor?: string) {
    const page = await this.ports.problems.timeline(problemId, limit, cursor);
    return { items: page.items.map((i) => i.doc), nextCursor: page.nextCursor };
  }

  accept(problemId: string, actor: Actor, options: RunOptions = {}) {
    return this.run(problemId, actor, (p, ctx) => p.accept(ctx), options);
  }

  async transfer(problemId: string, input: TTransferProblem, actor: Actor, options: RunOptions = {}) {
    const target = await this.ports.directory.agent(input.toAgentId);
    if (!target) return fail<ProblemOutcome>('AGENT.NOT_FOUND', `No agent ${input.toAgentId}`);
    return this.run(problemId, actor, (p, ctx) => p.transfer(target, input.reason, ctx), options);
  }

  move(problemId: string, input: TMoveProblem, actor: Actor, options: RunOptions = {}) {
    return this.run(problemId, actor, (p, ctx) => p.moveTo(input.state, input.reason, ctx), options);
  }

  update(problemId: string, input: TUpdateProblem, actor: Actor, options: RunOptions = {}) {
    return this.run(problemId, actor, (p, ctx) => p.update(input, ctx), options);
  }

  addTask(problemId: string, input: TAddProblemTask, actor: Actor, options: RunOptions = {}) {
    return this.run(problemId, actor, (p, ctx) => p.addTask(input, ctx), options);
  }

  updateTask(problemId: string, taskId: string, input: TUpdateProblemTask, actor: Actor, options: RunOptions = {}) {
    return this.run(problemId, actor, (p, ctx) => p.updateTask(taskId, input, ctx), options);
  }

  /** A note is safe to replay on a concurrent write. */
  addNote(problemId: string, input: TProblemNote, actor: Actor) {
    return this.run(problemId, actor, (p, ctx) => p.addNote(input.body, ctx), { retryOnConflict: true });
  }

  /** Links incidents (as symptoms) and changes (as the fix) both ways; already linked ones are left alone. */
  async link(problemId: string, input: TProblemLinks, actor: Actor): Promise<Result<ProblemOutcome>> {
    const found = await this.targets(input);
    if (!found.ok) return found;
    const { tickets, changes } = found.value;
    const ran = await this.run(
      problemId,
      actor,
      (p, ctx) => {
        for (const t of tickets) {
          const linked = p.link('has_symptom', { practice: 'ticket', id: t.id, number: t.number }, ctx);
          if (!linked.ok) return linked;
        }
        for (const c of changes) {
          const linked = p.link('fixed_by', { practice: 'change', id: c.id, number: c.number }, ctx);
          if (!linked.ok) return linked;
        }
        return ok(undefined);
      },
      { retryOnConflict: true },
    );
    if (!ran.ok) return ran;
    const target = targetOf(ran.value.problem);
    for (const t of tickets) {
      const back = await this.ports.tickets.link(t.id, 'symptom_of', target, actor);
      if (!back.ok) return back;
    }
    for (const c of changes) {
      const back = await this.ports.changes.link(c.id, 'fixes', target, actor);
      if (!back.ok) return back;
    }
    return ran;
  }

  async unlink(problemId: string, input: TProblemLinks, actor: Actor): Promise<Result<ProblemOutcome>> {
    const found = await this.targets(input);
    if (!found.ok) return found;
    const { tickets, changes } = found.value;
    const reason = input.reason ?? null;
    const ran = await this.run(
      problemId,
      actor,
      (p, ctx) => {
        for (const t of tickets) {
          const removed = p.unlink('has_symptom', t.id, reason, ctx);
          if (!removed.ok) return removed;
        }
        for (const c of changes) {
          const removed = p.unlink('fixed_by', c.id, reason, ctx);
          if (!removed.ok) return removed;
        }
        return ok(undefined);
      },
      { retryOnConflict: true },
    );
    if (!ran.ok) return ran;
    for (const t of tickets) {
      const back = await this.ports.tickets.unlink(t.id, 'symptom_of', problemId, reason, actor);
      if (!back.ok) return back;
    }
    for (const c of changes) {
      const back = await this.ports.changes.unlink(c.id, 'fixes', problemId, reason, actor);
      if (!back.ok) return back;
    }
    return ran;
  }

  private async targets(input: TProblemLinks): Promise<Result<{ tickets: LinkedTicket[]; changes: LinkedChange[] }>> {
    const tickets: LinkedTicket[] = [];
    for (const ref of new Set(input.tickets ?? [])) {
      const t = await this.ports.tickets.find(ref);
      if (!t) return fail('TICKET.NOT_FOUND', `No ticket ${ref}`);
      tickets.push(t);
    }
    const changes: LinkedChange[] = [];
    for (const ref of new Set(input.changes ?? [])) {
      const c = await this.ports.changes.find(ref);
      if (!c) return fail('CHANGE.NOT_FOUND', `No change ${ref}`);
      changes.push(c);
    }
    return ok({ tickets, changes });
  }

  /** Runs one command on the problem (exported for the incident side's workaround). */
  async run<T>(
    problemId: string,
    actor: Actor,
    command: (problem: Problem, ctx: ChangeContext) => Result<T>,
    options: RunOptions,
  ): Promise<Result<ProblemOutcome & { value: T }>> {
    const ran = await runOnWorkItem({
      noun: 'problem',
      load: () => this.ports.problems.load(problemId),
      notFound: () => fail('PROBLEM.NOT_FOUND', `No problem ${problemId}`),
      context: () => this.context(actor),
      command,
      save: (problem, etag) => this.save(problem, etag),
      options,
    });
    return ran.ok
      ? ok({ problem: ran.value.item.toSnapshot(), etag: ran.value.saved.etag, value: ran.value.value })
      : ran;
  }

  /** Saves and relays; publishing is best effort here, the outbox sweep delivers whatever this misses. */
  private async save(problem: Problem, etag: string | null): Promise<{ etag: string }> {
    const saved = await this.ports.problems.save(problem, etag);
    await this.ports.relay.relay(problem.id, saved.outbox, 'problems').catch(this.ports.onRelayError ?? (() => {}));
    return saved;
  }

  private context(actor: Actor): ChangeContext {
    return { actor, now: this.ports.clock.now(), ids: this.ports.ids };
  }
}
