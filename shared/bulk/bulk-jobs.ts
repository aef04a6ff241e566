/**
 * Bulk actions as jobs (issue 18, ADR 0022). `start` checks the action once, writes the job and
 * its chunks, and queues one `bulk` message per chunk; `runChunk` (the queue function) does each
 * ticket of a chunk through the same use cases a single click uses (TicketUseCases, or the macro
 * command), so every ticket's own rules decide: sacred ownership, the status table, who may edit.
 * A refusal is recorded with its code and reason and the job goes on. Nothing here writes a ticket.
 */
import type { TBulkAction, TBulkJob, TBulkOutcome, TStartBulkJob } from '../api/bulk.schemas.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import { type Actor, actorRef } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { MacroRun, Macros } from '../macros/macros.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { MessageBus } from '../ports/message-bus.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { CommandOutcome } from '../use-cases/ticket-commands.js';
import type { TicketMerges } from '../use-cases/ticket-merges.js';
import type { TicketUseCases } from '../use-cases/ticket-use-cases.js';
import { type BulkChunkDoc, type BulkJobDoc, bulkPartition, chunkId, chunksOf, progressOf } from './bulk-job.js';

export const BULK_CHUNK_TYPE = 'bulk.chunk';

type AgentActor = Extract<Actor, { kind: 'agent' }>;
type Perform = (ticketId: string) => Promise<Result<CommandOutcome<unknown>>>;

/** Writes the chunk's outcomes after every ticket: a redelivery repeats at most the ticket in hand. */
export class BulkJobs {
  constructor(
    private readonly store: DocumentStore,
    private readonly bus: MessageBus,
    private readonly directory: DirectoryRepository,
    private readonly tickets: TicketUseCases,
    private readonly merges: TicketMerges,
    private readonly repository: TicketRepository,
    private readonly macros: Macros,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async start(input: TStartBulkJob, actor: AgentActor): Promise<Result<TBulkJob>> {
    const checked = await this.checkAction(input.action, actor);
    if (!checked.ok) return checked;
    const id = this.ids.next('bulk_');
    const pk = bulkPartition(id);
    const chunks = chunksOf(input.ticketIds);
    const job: BulkJobDoc = {
      id,
      pk,
      docType: 'bulk-job',
      action: input.action,
      total: input.ticketIds.length,
      chunkCount: chunks.length,
      agentId: actor.agentId,
      roles: actor.roles,
      createdBy: actorRef(actor),
      createdAt: this.clock.now().toISOString(),
    };
    const chunkDocs = chunks.map(
      (ticketIds, index): BulkChunkDoc => ({
        id: chunkId(id, index),
        pk,
        docType: 'bulk-chunk',
        jobId: id,
        index,
        ticketIds,
        outcomes: {},
        finishedAt: null,
      }),
    );
    // 1,000 tickets are 40 chunks: the job and its chunks are one atomic batch (at most 100 operations).
    await this.store.batch(
      'config',
      pk,
      [job, ...chunkDocs].map((doc) => ({ op: 'create', doc })),
    );
    await this.bus.publish(
      'bulk',
      chunkDocs.map((c) => ({ id: `bulk.${c.id}`, type: BULK_CHUNK_TYPE, body: { jobId: id, index: c.index } })),
    );
    return ok(progressOf(job, chunkDocs));
  }

  /** The job's progress; only the agent who started it (or an admin) may read it. */
  async get(jobId: string, actor: AgentActor): Promise<Result<TBulkJob>> {
    const docs = await this.read(jobId);
    if (!docs || (docs.job.agentId !== actor.agentId && !actor.roles.includes('admin')))
      return fail('BULK.NOT_FOUND', `No bulk job ${jobId}`);
    return ok(
      progressOf(
        docs.job,
        docs.chunks.map((c) => c.doc),
      ),
    );
  }

  /**
   * One chunk's tickets, one after the other; returns how many were handled now. Each ticket's
   * outcome is saved while the next ticket runs, so the store's group commit writes both in one
   * transaction (sqlite-document-store.ts): a redelivery still repeats at most one ticket (the one
   * whose write committed before its outcome), and the job costs one transaction per ticket, not two.
   */
  async runChunk(jobId: string, index: number): Promise<number> {
    const job = await this.store.read<BulkJobDoc>('config', bulkPartition(jobId), jobId);
    const found = await this.store.read<BulkChunkDoc>('config', bulkPartition(jobId), chunkId(jobId, index));
    if (!job || !found || found.doc.finishedAt !== null) return 0;
    const chunk = found.doc;
    const outcomes: Record<string, Omit<TBulkOutcome, 'ticketId'>> = { ...chunk.outcomes };
    let etag = found.etag;
    let saving: Promise<void> = Promise.resolve();
    const save = (finished: boolean) => {
      // The outcomes as of now (the loop goes on adding to them while this write waits for its commit).
      const doc: BulkChunkDoc = {
        ...chunk,
        outcomes: { ...outcomes },
        finishedAt: finished ? this.clock.now().toISOString() : null,
      };
      const write = saving.then(async () => {
        [etag] = (await this.store.batch('config', chunk.pk, [{ op: 'replace', doc, ifMatch: etag }])) as [string];
      });
      // Awaited before the next save and at the end, where a failure surfaces (the queue redelivers).
      write.catch(() => {});
      saving = write;
    };
    const performer = await this.performer(job.doc);
    let handled = 0;
    let done = 0;
    for (const ticketId of chunk.ticketIds) {
      if (outcomes[ticketId]) continue;
      const result = performer.ok ? await performer.value(ticketId) : performer;
      await saving;
      outcomes[ticketId] = result.ok
        ? { number: result.value.ticket.number, outcome: 'done', code: null, reason: null }
        : {
            number: (await this.repository.readSnapshot(ticketId))?.doc.number ?? null,
            outcome: 'refused',
            code: result.error.code,
            reason: result.error.message,
          };
      if (result.ok) done++;
      handled++;
      save(false);
    }
    await saving;
    save(true);
    await saving;
    if (job.doc.action.type === 'macro' && done > 0) await this.macros.countUse(job.doc.action.macroId, done);
    return handled;
  }

  private async read(jobId: string): Promise<{ job: BulkJobDoc; chunks: { doc: BulkChunkDoc }[] } | undefined> {
    const pk = bulkPartition(jobId);
    const docs: { doc: StoredDocument }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.query('config', {
        partitionKey: pk,
        where: [{ field: 'pk', op: 'eq', value: pk }],
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      docs.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const job = docs.find((d) => d.doc.docType === 'bulk-job')?.doc as BulkJobDoc | undefined;
    if (!job) return undefined;
    return { job, chunks: docs.filter((d) => d.doc.docType === 'bulk-chunk') as { doc: BulkChunkDoc }[] };
  }

  /** Refusals that hold for every ticket are found once, before anything is queued. */
  private async checkAction(action: TBulkAction, actor: AgentActor): Promise<Result<void>> {
    switch (action.type) {
      case 'team':
        if (action.teamId && !(await this.directory.team(action.teamId)))
          return fail('TEAM.NOT_FOUND', `No team ${action.teamId}`);
        return ok(undefined);
      case 'transfer': {
        const target = await this.directory.agent(action.toAgentId);
        return target ? ok(undefined) : fail('AGENT.NOT_FOUND', `No agent ${action.toAgentId}`);
      }
      case 'macro': {
        const macro = await this.macros.get(action.macroId, actor);
        return macro.ok ? ok(undefined) : macro;
      }
      case 'merge':
        return (await this.mergeTarget(action.into))
          ? ok(undefined)
          : fail('TICKET.NOT_FOUND', `No ticket ${action.into} to merge into`);
      default:
        return ok(undefined);
    }
  }

  /** How one ticket is done, as the job's agent (their roles now, never more than at the start). */
  private async performer(job: BulkJobDoc): Promise<Result<Perform>> {
    const agent = await this.directory.agent(job.agentId);
    if (!agent?.active) return fail('AUTH.FORBIDDEN', 'The agent who started the job is no longer active');
    const actor: AgentActor = {
      kind: 'agent',
      agentId: agent.id,
      roles: agent.roles.filter((r) => job.roles.includes(r)),
      teamIds: agent.teamIds,
    };
    const again = { retryOnConflict: true };
    const action = job.action;
    const t = this.tickets;
    switch (action.type) {
      case 'status':
        return ok((id) => t.changeStatus(id, { status: action.status, reason: action.reason }, actor, again));
      case 'priority':
        return ok((id) => t.updateFields(id, { impact: action.impact, urgency: action.urgency }, actor, again));
      case 'team':
        return ok((id) => t.updateFields(id, { teamId: action.teamId }, actor, again));
      case 'note':
        return ok((id) => t.addNote(id, { body: action.body, visibility: 'internal' }, actor, again));
      case 'accept':
        return ok((id) => t.accept(id, actor, again));
      case 'transfer':
        return ok((id) => t.transfer(id, { toAgentId: action.toAgentId, reason: action.reason }, actor, again));
      case 'tags':
        return ok(
          this.viaMacro({ body: '', actions: { addTags: action.add, removeTags: action.remove }, mode: 'note' }, actor),
        );
      case 'macro': {
        const macro = await this.macros.get(action.macroId, actor);
        if (!macro.ok) return macro;
        return ok(this.viaMacro(macro.value.macro, actor, action.mode));
      }
      case 'merge': {
        const intoId = await this.mergeTarget(action.into);
        if (!intoId) return fail('TICKET.NOT_FOUND', `No ticket ${action.into} to merge into`);
        return ok((id) => this.merges.merge(id, { intoId, assists: action.assists }, actor));
      }
    }
  }

  /** The merge target by id or number (the bulk bar lets the agent type a number). */
  private async mergeTarget(idOrNumber: string): Promise<string | undefined> {
    if (await this.repository.readSnapshot(idOrNumber)) return idOrNumber;
    return this.repository.findIdByNumber(idOrNumber);
  }

  /** Tags and macros change the ticket relative to what it holds, so they run inside the ticket's own command. */
  private viaMacro(macro: MacroRun['macro'], actor: AgentActor, mode?: 'reply' | 'note'): Perform {
    let prepared: Promise<MacroRun> | undefined;
    return async (id) => {
      prepared ??= this.macros.prepare(macro, actor);
      return this.macros.applyWith(await prepared, id, actor, { mode }, { retryOnConflict: true });
    };
  }
}
