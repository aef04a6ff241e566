/**
 * Allocates human work-item numbers (INC-1001, REQ-1001, CHG-1001, PRB-1001, ...) from an
 * etag-guarded counter per prefix in the `config` container (ADR 0025: one allocator for every
 * practice). Each instance reserves a small block of numbers at a time
 * (one counter write per block instead of per ticket, and no retry storms when mail arrives in
 * bursts); conflicting reservations retry, so numbers stay unique across instances. Gaps are
 * possible (a failed create, or a block left unused when an instance stops), as in ServiceNow;
 * across instances numbers are unique but not strictly in creation order.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';

/** Each practice's prefixes: tickets by type, then changes and problems; known errors (KE-) are numbered the same way. */
export const WORK_ITEM_PREFIXES = ['INC', 'REQ', 'QST', 'CHG', 'PRB', 'KE'] as const;
export type NumberPrefix = (typeof WORK_ITEM_PREFIXES)[number];

interface CounterDoc extends StoredDocument {
  readonly pk: 'counters';
  readonly docType: 'counter';
  readonly next: number;
}

interface Block {
  next: number;
  readonly end: number;
}

const FIRST_NUMBER = 1001;
const MAX_ATTEMPTS = 50;

export class WorkItemNumberAllocator {
  private readonly blocks = new Map<string, Block>();
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DocumentStore,
    private readonly blockSize = 10,
  ) {}

  async next(prefix: NumberPrefix): Promise<string> {
    for (;;) {
      const block = this.blocks.get(prefix);
      if (block && block.next < block.end) return `${prefix}-${block.next++}`;
      // One reservation in flight per prefix; everyone waiting shares its block.
      let pending = this.reserving.get(prefix);
      if (!pending) {
        pending = this.reserve(prefix)
          .then((reserved) => {
            this.blocks.set(prefix, reserved);
          })
          .finally(() => this.reserving.delete(prefix));
        this.reserving.set(prefix, pending);
      }
      await pending;
    }
  }

  private async reserve(prefix: NumberPrefix): Promise<Block> {
    // The counters kept the name they had when only tickets were numbered: stored ones stay valid.
    const id = `ticket-number-${prefix}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.store.read<CounterDoc>('config', 'counters', id);
      const start = current?.doc.next ?? FIRST_NUMBER;
      const doc: CounterDoc = { id, pk: 'counters', docType: 'counter', next: start + this.blockSize };
      try {
        await this.store.batch('config', 'counters', [
          current ? { op: 'replace', doc, ifMatch: current.etag } : { op: 'create', doc },
        ]);
        return { next: start, end: start + this.blockSize };
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new Error(`Could not reserve ${prefix} numbers after ${MAX_ATTEMPTS} attempts`);
  }
}
