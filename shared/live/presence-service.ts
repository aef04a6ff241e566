/**
 * Presence on tickets (ADR 0027): heartbeats and goodbyes of ticket-page tabs, stored one document
 * per session in the ticket's own `presence:<ticketId>` partition of `config` (so every instance
 * in Azure sees the same sessions), expired sessions deleted as they are met, and the viewer list
 * broadcast to the ticket's live group only when who is there, or what they do, differs from what
 * was last announced (kept beside the sessions, so a tab that silently expired is announced gone
 * by the next beat of anyone else).
 */
import type { Clock } from '../ports/clock.js';
import type { DocumentStore, StoredDocument, WriteOperation } from '../ports/document-store.js';
import { type LiveChannel, ticketGroup } from '../ports/live-channel.js';
import { heartbeat, isLive, type PresenceActivity, type PresenceSession, type Viewer, viewersOf } from './presence.js';

interface PresenceDocument extends StoredDocument, PresenceSession {
  readonly pk: string;
  readonly docType: 'presence';
  readonly ticketId: string;
}

/** The viewer list last broadcast (`agentId:activity`), one per ticket. */
interface AnnouncedDocument extends StoredDocument {
  readonly id: typeof ANNOUNCED;
  readonly pk: string;
  readonly docType: 'presence-announced';
  readonly viewers: readonly string[];
}

interface PartitionState {
  readonly sessions: PresenceSession[];
  readonly announced: readonly string[];
}

const ANNOUNCED = 'announced';
const docId = (sessionId: string) => `session-${sessionId}`;
const signature = (viewers: readonly Viewer[]): string[] => viewers.map((v) => `${v.agentId}:${v.activity}`);
const sameSignature = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const partitionOf = (ticketId: string) => `presence:${ticketId}`;
/** More tabs than this on one ticket are not tracked (the list would be unreadable anyway). */
const MAX_SESSIONS = 90;

export interface PresenceDeps {
  readonly store: DocumentStore;
  readonly clock: Clock;
  readonly live: LiveChannel;
  readonly ticketExists: (ticketId: string) => Promise<boolean>;
  readonly log: (line: string) => void;
}

export type PresenceOutcome = { ok: true; viewers: Viewer[] } | { ok: false; code: 'TICKET.NOT_FOUND' };

export class PresenceService {
  constructor(private readonly deps: PresenceDeps) {}

  /** A tab is (still) on the ticket, viewing or writing a reply; returns who is there now. */
  async beat(
    ticketId: string,
    agentId: string,
    sessionId: string,
    activity: PresenceActivity,
  ): Promise<PresenceOutcome> {
    if (!(await this.deps.ticketExists(ticketId))) return { ok: false, code: 'TICKET.NOT_FOUND' };
    const now = this.deps.clock.now();
    const state = await this.state(ticketId);
    const mine = state.sessions.find((s) => s.sessionId === sessionId);
    // A session id belongs to the agent who started it: another agent's beat cannot take it over.
    if (mine && mine.agentId !== agentId) return { ok: true, viewers: viewersOf(state.sessions, now) };
    const session = heartbeat(agentId, sessionId, activity, now);
    const others = state.sessions.filter((s) => s.sessionId !== sessionId);
    const after = [...others.filter((s) => isLive(s, now)), session];
    if (after.length > MAX_SESSIONS) return { ok: true, viewers: viewersOf(state.sessions, now) };
    const upsert: WriteOperation = { op: 'upsert', doc: this.document(ticketId, session) };
    return {
      ok: true,
      viewers: await this.settle(ticketId, state, after, now, [upsert, ...this.expired(others, now)]),
    };
  }

  /** The tab closed or left the ticket: it stops showing at once rather than when its TTL ends. */
  async leave(ticketId: string, agentId: string, sessionId: string): Promise<Viewer[]> {
    const now = this.deps.clock.now();
    const state = await this.state(ticketId);
    const mine = state.sessions.find((s) => s.sessionId === sessionId && s.agentId === agentId);
    if (!mine) return viewersOf(state.sessions, now);
    const after = state.sessions.filter((s) => s !== mine);
    const remove: WriteOperation = { op: 'delete', id: docId(mine.sessionId) };
    return this.settle(ticketId, state, after, now, [remove, ...this.expired(after, now)]);
  }

  async viewers(ticketId: string): Promise<Viewer[]> {
    return viewersOf((await this.state(ticketId)).sessions, this.deps.clock.now());
  }

  /** Writes the sessions and, when the list differs from the last one announced, announces it. */
  private async settle(
    ticketId: string,
    state: PartitionState,
    after: readonly PresenceSession[],
    now: Date,
    operations: WriteOperation[],
  ): Promise<Viewer[]> {
    const viewers = viewersOf(after, now);
    const changed = !sameSignature(state.announced, signature(viewers));
    const announced: AnnouncedDocument = {
      id: ANNOUNCED,
      pk: partitionOf(ticketId),
      docType: 'presence-announced',
      viewers: signature(viewers),
    };
    await this.write(ticketId, changed ? [...operations, { op: 'upsert', doc: announced }] : operations);
    if (changed)
      // A hint to the other tabs; each tab's own next beat returns the list anyway.
      await this.deps.live
        .publish(ticketGroup(ticketId), { type: 'presence', ticketId, viewers })
        .catch((error: unknown) => this.deps.log(`live: presence of ${ticketId} not sent: ${String(error)}`));
    return viewers;
  }

  private expired(sessions: readonly PresenceSession[], now: Date): WriteOperation[] {
    return sessions.filter((s) => !isLive(s, now)).map((s) => ({ op: 'delete', id: docId(s.sessionId) }) as const);
  }

  private async write(ticketId: string, operations: WriteOperation[]): Promise<void> {
    // A session someone else's beat deleted at the same moment is simply gone: nothing to retry.
    await this.deps.store.batch('config', partitionOf(ticketId), operations.slice(0, 100)).catch(async () => {
      const [own] = operations;
      if (own) await this.deps.store.batch('config', partitionOf(ticketId), [own]).catch(() => {});
    });
  }

  private async state(ticketId: string): Promise<PartitionState> {
    const pk = partitionOf(ticketId);
    const page = await this.deps.store.query<PresenceDocument | AnnouncedDocument>('config', {
      partitionKey: pk,
      where: [{ field: 'pk', op: 'eq', value: pk }],
      limit: 100,
    });
    const sessions: PresenceSession[] = [];
    let announced: readonly string[] = [];
    for (const { doc } of page.items) {
      if (doc.docType === 'presence-announced') announced = doc.viewers;
      else
        sessions.push({ sessionId: doc.sessionId, agentId: doc.agentId, activity: doc.activity, seenAt: doc.seenAt });
    }
    return { sessions, announced };
  }

  private document(ticketId: string, s: PresenceSession): PresenceDocument {
    return { id: docId(s.sessionId), pk: partitionOf(ticketId), docType: 'presence', ticketId, ...s };
  }
}
