/**
 * Per-agent load counters in `config` (partition `routing-load`), the concurrency guard of
 * routing: a ticket is reserved on an agent by an etag-guarded write that re-checks capacity,
 * so two routers deciding at once can never both fill the last slot. Counters are recomputed
 * from the tickets on every ownership/status/assist event (see RoutingUpkeep.resync), so drift
 * from crashes heals itself; live reservations (offers on the ticket, standing-choice accepts in flight) are kept.
 */
import {
  ConcurrencyConflictError,
  type DocumentStore,
  type StoredDocument,
  type Versioned,
} from '../ports/document-store.js';

export const LOAD_PK = 'routing-load';

export interface LoadEntry {
  readonly weight: number;
  /** `owned`: the agent owns it; `reserved`: offered to the agent, or being accepted by their standing choice. */
  readonly kind: 'owned' | 'reserved';
  readonly at: string;
}

export interface AgentLoad {
  readonly agentId: string;
  readonly tickets: Readonly<Record<string, LoadEntry>>;
  /** Open assists the agent is the expert of: assist id -> weight. */
  readonly assists: Readonly<Record<string, number>>;
  readonly lastAssignedAt: string | null;
}

type LoadDoc = AgentLoad & StoredDocument & { readonly pk: typeof LOAD_PK; readonly docType: 'agent-load' };

export const emptyLoad = (agentId: string): AgentLoad => ({ agentId, tickets: {}, assists: {}, lastAssignedAt: null });

export const totalLoad = (load: AgentLoad): number =>
  Object.values(load.tickets).reduce((sum, e) => sum + e.weight, 0) +
  Object.values(load.assists).reduce((s, w) => s + w, 0);

const docId = (agentId: string): string => `load:${agentId}`;

export class AgentLoads {
  constructor(private readonly store: DocumentStore) {}

  async get(agentId: string): Promise<AgentLoad> {
    return (await this.read(agentId))?.doc ?? emptyLoad(agentId);
  }

  async many(agentIds: readonly string[]): Promise<Map<string, AgentLoad>> {
    const loads = await Promise.all(agentIds.map((id) => this.get(id)));
    return new Map(loads.map((l) => [l.agentId, l]));
  }

  /**
   * Applies `change` to the agent's counter under its etag (retrying on conflicts). `change`
   * returns the next state, or null to leave it alone; the result says what was written.
   */
  async update(agentId: string, change: (current: AgentLoad) => AgentLoad | null): Promise<AgentLoad | null> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const found = await this.read(agentId);
      const next = change(found?.doc ?? emptyLoad(agentId));
      if (next === null) return null;
      const doc: LoadDoc = { ...next, agentId, id: docId(agentId), pk: LOAD_PK, docType: 'agent-load' };
      try {
        await this.store.batch('config', LOAD_PK, [
          found ? { op: 'replace', doc, ifMatch: found.etag } : { op: 'create', doc },
        ]);
        return next;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 20)));
      }
    }
    throw new Error(`load counter of ${agentId} kept conflicting`);
  }

  /** Reserves capacity for a ticket; false when the agent has no room any more. */
  async reserve(agentId: string, ticketId: string, weight: number, capacity: number, at: string): Promise<boolean> {
    let reserved = false;
    await this.update(agentId, (current) => {
      reserved = false;
      if (current.tickets[ticketId]) {
        reserved = true;
        return null;
      }
      if (totalLoad(current) + weight > capacity + 1e-9) return null;
      reserved = true;
      return {
        ...current,
        tickets: { ...current.tickets, [ticketId]: { weight, kind: 'reserved', at } },
        lastAssignedAt: at,
      };
    });
    return reserved;
  }

  async release(agentId: string, ticketId: string): Promise<void> {
    await this.update(agentId, (current) => {
      const entry = current.tickets[ticketId];
      if (!entry || entry.kind === 'owned') return null;
      const { [ticketId]: _gone, ...rest } = current.tickets;
      return { ...current, tickets: rest };
    });
  }

  private read(agentId: string): Promise<Versioned<LoadDoc> | undefined> {
    return this.store.read<LoadDoc>('config', LOAD_PK, docId(agentId));
  }
}
