/**
 * The DocumentStore contract: one suite that every adapter must pass. `makeStore` is called
 * before each test and must return an empty store. Behaviour a stand-in server cannot offer is
 * listed in `gaps`; the affected tests are skipped with the reason in their name.
 */
import { beforeEach, describe } from 'vitest';
import type { DocumentStore } from '../../shared/ports/document-store.js';
import { describeQueryContract } from './contract-queries.js';
import { describeWriteContract } from './contract-writes.js';

export interface StoreGaps {
  /** Why a failing batch may leave earlier operations applied, if it may. */
  readonly nonAtomicBatch?: string;
}

export function describeDocumentStoreContract(
  name: string,
  makeStore: () => Promise<DocumentStore>,
  gaps: StoreGaps = {},
): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    describeWriteContract(name, () => store, gaps);
    describeQueryContract(() => store);
  });
}
