/**
 * Allocates human ticket numbers (INC-1001, REQ-1001, ...) from an etag-guarded counter per
 * prefix in the `config` container. Conflicting allocations retry, so numbers stay unique
 * across instances; gaps are possible (a failed create burns a number), as in ServiceNow.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import { NUMBER_PREFIX, type TicketType } from './ticket-types.js';

interface CounterDoc extends StoredDocument {
  readonly pk: 'counters';
  readonly docType: 'counter';
  readonly next: number;
}

const FIRST_NUMBER = 1001;
const MAX_ATTEMPTS = 50;

export class TicketNumberAllocator {
  constructor(private readonly store: DocumentStore) {}

  async next(type: TicketType): Promise<string> {
    const prefix = NUMBER_PREFIX[type];
    const id = `ticket-number-${prefix}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.store.read<CounterDoc>('config', 'counters', id);
      const value = current?.doc.next ?? FIRST_NUMBER;
      const doc: CounterDoc = { id, pk: 'counters', docType: 'counter', next: value + 1 };
      try {
        await this.store.batch('config', 'counters', [
          current ? { op: 'replace', doc, ifMatch: current.etag } : { op: 'create', doc },
        ]);
        return `${prefix}-${value}`;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new Error(`Could not allocate a ${prefix} number after ${MAX_ATTEMPTS} attempts`);
  }
}
