import { describe, expect, it } from 'vitest';
import { aChange, anAgent, aTicket, contextFor } from '../../tests/builders/index.js';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import { CONTAINERS } from '../storage/containers.js';
import { assistsInPartition, entriesInPartition, WORK_ITEM_CONTAINERS, workItemWrites } from './work-item-store.js';

describe('Work-item storage', () => {
  it.each(Object.entries(WORK_ITEM_CONTAINERS))(
    '%s is partitioned by %s and has the indexes the kernel queries need',
    (name, key) => {
      const def = CONTAINERS[name as keyof typeof WORK_ITEM_CONTAINERS];
      expect(def.partitionKeyPath).toBe(`/${key}`);
      const composites = def.compositeIndexes.map((c) => c.map((f) => `${f.path} ${f.direction}`).join(', '));
      expect(composites).toContain('docType asc, seq asc');
      expect(def.indexedFields.map((f) => f.path)).toEqual(expect.arrayContaining(['docType', 'seq']));
    },
  );

  it('saves a change and what it recorded in one batch of its partition, and reads it back', async () => {
    const store = new InMemoryDocumentStore();
    const change = aChange().build();
    const alice = anAgent('alice');
    expect(change.accept(contextFor(alice)).ok).toBe(true);
    const asked = change.requestAssist(
      { target: { kind: 'agent', agentId: 'ed' }, question: 'Failover tested?', dueAt: null },
      contextFor(alice),
    );
    expect(asked.ok).toBe(true);
    const { operations, outbox } = workItemWrites('changeId', change.toSnapshot(), null, change.pendingChanges());
    expect(operations.map((o) => o.op)).toEqual(['create', 'upsert', 'create', 'create', 'create']);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.events.map((e) => e.type)).toEqual(['change.owner_changed', 'assist.requested']);
    await store.batch('changes', change.id, operations);
    const entries = await entriesInPartition(store, 'changes', 'changeId', change.id, 10);
    expect(entries.items.map((i) => [i.doc.seq, i.doc.kind])).toEqual([
      [2, 'owner_changed'],
      [3, 'assist_requested'],
    ]);
    const assists = await assistsInPartition(store, 'changes', 'changeId', change.id);
    expect(assists.map((a) => [a.changeNumber, a.state])).toEqual([['CHG-1001', 'requested']]);
  });

  it('writes a loaded ticket etag-guarded, with nothing but the ticket when nothing was recorded', () => {
    const ticket = aTicket().build();
    expect(workItemWrites('ticketId', ticket.toSnapshot(), 'etag-1', ticket.pendingChanges())).toEqual({
      operations: [{ op: 'replace', doc: ticket.toSnapshot(), ifMatch: 'etag-1' }],
      outbox: [],
    });
  });
});
