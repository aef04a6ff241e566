/**
 * The read model fed event by event (late, duplicated and reordered deliveries included) holds
 * exactly the figures a rebuild from the store computes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InMemoryDocumentStore } from '../../tests/fakes/in-memory-document-store.js';
import type { AssistSnapshot } from '../assists/assist.js';
import type { StoredDocument } from '../ports/document-store.js';
import type { SlaHistoryEvent } from '../sla/sla-history.js';
import { testSlaConfig } from '../sla-engine/test-config.js';
import { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import { ReportProjector } from './report-projector.js';
import { anAssist, anEntry, aReportTicket, MIN } from './test-fixtures.js';

const config = testSlaConfig();
const STEP = fc.record({
  ticket: fc.integer({ min: 0, max: 3 }),
  op: fc.constantFrom(
    'team',
    'priority',
    'reply',
    'resolve',
    'reopen',
    'pending',
    'open',
    'assist',
    'answer',
    'transfer',
    'note',
  ),
  minutes: fc.integer({ min: 1, max: 600 }),
  delivery: fc.constantFrom('now', 'twice', 'later', 'never-alone'),
});

interface Model {
  ticket: TicketSnapshot;
  history: SlaHistoryEvent[];
  assists: AssistSnapshot[];
  seq: number;
}

const bucketTotals = async (store: InMemoryDocumentStore) => {
  const page = await store.query<StoredDocument & { n: unknown; h: unknown }>('reports', {
    where: [{ field: 'docType', op: 'eq', value: 'report-bucket' }],
    limit: 100_000,
  });
  return Object.fromEntries(
    page.items
      .map(({ doc }) => [doc.id, { n: doc.n, h: doc.h }])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
};

describe('ReportProjector', () => {
  it('fed event by event, holds what a rebuild from the store computes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(STEP, { minLength: 1, maxLength: 40 }), async (steps) => {
        const store = new InMemoryDocumentStore();
        const projector = new ReportProjector(
          store,
          new TicketRepository(store),
          { current: async () => config },
          { timeZone: 'UTC' },
        );
        const models = new Map<number, Model>();
        let clock = Date.parse('2026-03-02T07:00:00.000Z');
        const late: string[] = [];
        const write = async (m: Model, extra: StoredDocument[] = []) => {
          const ticket = {
            ...m.ticket,
            slaHistory: [...m.history],
            lastSeq: m.seq,
            updatedAt: new Date(clock).toISOString(),
          };
          m.ticket = {
            ...ticket,
            slaMeta: {
              ...(ticket.slaMeta ?? { factsKey: '', notified: [], policy: null }),
              stampedAt: ticket.updatedAt,
            },
          };
          await store.batch('tickets', ticket.id, [
            { op: 'upsert', doc: m.ticket as TicketSnapshot & StoredDocument },
            ...m.assists.map((a) => ({ op: 'upsert' as const, doc: a as AssistSnapshot & StoredDocument })),
            ...extra.map((doc) => ({ op: 'upsert' as const, doc })),
          ]);
        };
        for (const step of steps) {
          clock += step.minutes * MIN;
          const at = new Date(clock).toISOString();
          const id = `t${step.ticket}`;
          let m = models.get(step.ticket);
          if (!m) {
            const history: SlaHistoryEvent[] = [{ type: 'created', at, priority: 'P3', status: 'open' }];
            const policy = config.policies.find((p) => p.id === 'std') ?? null;
            m = {
              ticket: aReportTicket({ id, createdAt: at, updatedAt: at, ownerId: 'alice' }, history, policy),
              history,
              assists: [],
              seq: 1,
            };
            models.set(step.ticket, m);
          }
          const extra: StoredDocument[] = [];
          const stopped = m.ticket.status === 'resolved';
          m.seq++;
          switch (step.op) {
            case 'team':
              m.ticket = { ...m.ticket, teamId: m.ticket.teamId === 'desk' ? 'network' : 'desk' };
              break;
            case 'priority': {
              const to = m.ticket.priority === 'P3' ? 'P2' : 'P3';
              m.history.push({ type: 'priority_changed', at, from: m.ticket.priority, to });
              m.ticket = { ...m.ticket, priority: to };
              break;
            }
            case 'reply':
              m.history.push({ type: 'agent_public_reply', at });
              extra.push(
                anEntry(
                  id,
                  m.seq,
                  'email_out',
                  at,
                  { kind: 'agent', agentId: m.ticket.ownerId ?? 'alice' },
                  { visibility: 'public' },
                ) as never,
              );
              break;
            case 'resolve':
            case 'reopen':
            case 'pending':
            case 'open': {
              const to = step.op === 'resolve' ? 'resolved' : step.op === 'pending' ? 'pending' : 'open';
              if (m.ticket.status !== to && !(stopped && to === 'pending')) {
                m.history.push({ type: 'status_changed', at, from: m.ticket.status, to });
                m.ticket = { ...m.ticket, status: to, resolvedAt: to === 'resolved' ? at : null };
              }
              break;
            }
            case 'assist': {
              const assistId = `${id}.a${m.assists.length + 1}`;
              m.history.push({ type: 'assist_opened', at, assistId });
              m.assists.push(
                anAssist(id, {
                  id: assistId,
                  createdAt: at,
                  updatedAt: at,
                  expertTeamId: m.assists.length % 2 ? 'dba' : 'network',
                }),
              );
              break;
            }
            case 'answer': {
              const open = m.assists.find((a) => a.state === 'requested');
              if (open) {
                m.history.push({ type: 'assist_closed', at, assistId: open.id });
                m.assists = m.assists.map((a) =>
                  a === open ? { ...a, state: 'answered', closedAt: at, updatedAt: at } : a,
                );
              }
              break;
            }
            case 'transfer': {
              const to = m.ticket.ownerId === 'alice' ? 'bob' : 'alice';
              extra.push(
                anEntry(
                  id,
                  m.seq,
                  'owner_changed',
                  at,
                  { kind: 'agent', agentId: 'lead' },
                  { data: { via: 'transfer', from: m.ticket.ownerId, to } },
                ) as never,
              );
              m.ticket = { ...m.ticket, ownerId: to };
              break;
            }
            case 'note':
              extra.push(anEntry(id, m.seq, 'note', at, { kind: 'agent', agentId: 'alice' }) as never);
              break;
          }
          await write(m, extra);
          if (step.delivery === 'now')
            await projector.handle({
              id: `e${m.seq}`,
              type: 'ticket.updated',
              ticketId: id,
              occurredAt: at,
              actor: { kind: 'system', name: 't' },
              data: {},
            });
          if (step.delivery === 'twice') await Promise.all([projector.refresh(id), projector.refresh(id)]);
          if (step.delivery === 'later') late.push(id);
          // 'never-alone': this save's event only arrives with a later one of the same ticket (or the final flush).
          if (step.delivery === 'never-alone' || step.delivery === 'later') late.push(id);
        }
        for (const id of fc.sample(fc.shuffledSubarray(late, { minLength: late.length }), 1)[0] ?? [])
          await projector.refresh(id);
        for (const m of models.values()) await projector.refresh(m.ticket.id);
        const fed = await bucketTotals(store);
        const fresh = new ReportProjector(
          store,
          new TicketRepository(store),
          { current: async () => config },
          { timeZone: 'UTC' },
        );
        await fresh.rebuild();
        expect(await bucketTotals(store)).toEqual(fed);
      }),
      { numRuns: 60 },
    );
  });
});
