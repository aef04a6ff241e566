import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { TicketNumberAllocator } from './ticket-numbers.js';

describe('TicketNumberAllocator', () => {
  it('numbers each type from 1001 in order within one instance', async () => {
    const numbers = new TicketNumberAllocator(new InMemoryDocumentStore(), 3);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await numbers.next('incident'));
    expect(made).toEqual(['INC-1001', 'INC-1002', 'INC-1003', 'INC-1004', 'INC-1005', 'INC-1006', 'INC-1007']);
    expect(await numbers.next('service_request')).toBe('REQ-1001');
  });

  it('never hands out a number twice across instances allocating concurrently', async () => {
    const store = new InMemoryDocumentStore();
    const instances = [1, 2, 3].map(() => new TicketNumberAllocator(store, 4));
    const made = await Promise.all(
      Array.from({ length: 90 }, (_, i) => (instances[i % 3] as TicketNumberAllocator).next('incident')),
    );
    expect(new Set(made).size).toBe(90);
    expect(made.every((n) => /^INC-\d+$/.test(n))).toBe(true);
  });
});
