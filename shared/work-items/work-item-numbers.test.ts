import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { WorkItemNumberAllocator } from './work-item-numbers.js';

describe('WorkItemNumberAllocator', () => {
  it('numbers each prefix from 1001 in order within one instance', async () => {
    const numbers = new WorkItemNumberAllocator(new InMemoryDocumentStore(), 3);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await numbers.next('INC'));
    expect(made).toEqual(['INC-1001', 'INC-1002', 'INC-1003', 'INC-1004', 'INC-1005', 'INC-1006', 'INC-1007']);
    expect(await numbers.next('REQ')).toBe('REQ-1001');
    expect(await numbers.next('CHG')).toBe('CHG-1001');
    expect(await numbers.next('PRB')).toBe('PRB-1001');
  });

  it('never hands out a number twice across instances allocating concurrently', async () => {
    const store = new InMemoryDocumentStore();
    const instances = [1, 2, 3].map(() => new WorkItemNumberAllocator(store, 4));
    const made = await Promise.all(
      Array.from({ length: 90 }, (_, i) => (instances[i % 3] as WorkItemNumberAllocator).next('INC')),
    );
    expect(new Set(made).size).toBe(90);
    expect(made.every((n) => /^INC-\d+$/.test(n))).toBe(true);
  });

  it('keeps the counter documents tickets were numbered from before the kernel', async () => {
    const store = new InMemoryDocumentStore();
    await store.batch('config', 'counters', [
      { op: 'create', doc: { id: 'ticket-number-INC', pk: 'counters', docType: 'counter', next: 5000 } },
    ]);
    expect(await new WorkItemNumberAllocator(store).next('INC')).toBe('INC-5000');
  });
});
