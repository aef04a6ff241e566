/** Hand-built tickets for the reporting tests (not used by production code). */
import type { AssistSnapshot } from '../assists/assist.js';
import type { SlaHistoryEvent } from '../sla/sla-history.js';
import type { TSlaPolicy } from '../sla/sla-policy.js';
import type { TicketSnapshot } from '../tickets/ticket-types.js';
import type { TimelineEntry } from '../timeline/timeline-entry.js';

export const MIN = 60_000;

export const aReportTicket = (
  overrides: Partial<TicketSnapshot> & { readonly id: string; readonly createdAt: string; readonly updatedAt: string },
  history: readonly SlaHistoryEvent[],
  policy: TSlaPolicy | null,
): TicketSnapshot => ({
  ticketId: overrides.id,
  docType: 'ticket',
  number: `INC-${overrides.id.replace(/\D/g, '') || '1'}`,
  type: 'incident',
  title: 'Printer on fire',
  description: '',
  requester: { email: 'ann@example.com', name: 'Ann' },
  status: 'open',
  impact: 2,
  urgency: 2,
  priority: 'P3',
  category: null,
  teamId: 'desk',
  tags: [],
  ownerId: null,
  channel: 'email',
  createdBy: { kind: 'customer', email: 'ann@example.com' },
  resolvedAt: null,
  closedAt: null,
  lastSeq: history.length,
  openAssistCount: 0,
  slaHistory: history,
  slaMeta: { policy, factsKey: '', notified: [], stampedAt: overrides.updatedAt },
  ...overrides,
});

export const anEntry = (
  ticketId: string,
  seq: number,
  kind: TimelineEntry['kind'],
  at: string,
  author: TimelineEntry['author'],
  extra: Partial<TimelineEntry> = {},
): TimelineEntry => ({
  id: `${ticketId}-e${String(seq).padStart(6, '0')}`,
  ticketId,
  docType: 'entry',
  seq,
  kind,
  at,
  author,
  visibility: 'internal',
  body: null,
  assistId: null,
  data: {},
  ...extra,
});

export const anAssist = (ticketId: string, overrides: Partial<AssistSnapshot>): AssistSnapshot => ({
  id: `${ticketId}.a1`,
  ticketId,
  docType: 'assist',
  ticketNumber: 'INC-1',
  state: 'requested',
  target: { kind: 'team', teamId: 'network' },
  expertAgentId: null,
  expertTeamId: 'network',
  requestedBy: 'bob',
  question: 'Is the switch up?',
  dueAt: null,
  createdAt: '2026-03-04T10:10:00.000Z',
  updatedAt: '2026-03-04T10:10:00.000Z',
  closedAt: null,
  contributionCount: 0,
  ...overrides,
});
