/**
 * The columns of every ticket export (a ticket list or the tickets behind a figure), in order.
 * docs/metrics.md "Exports" lists them; SLA fields are the clocks as of the export.
 */
import type { TTicket } from '../api/tickets.schemas.js';
import type { CellValue, ReportColumn } from './report-tables.js';

export interface TicketColumn extends ReportColumn {
  readonly value: (t: TTicket) => CellValue;
}

const c = (key: string, label: string, unit: ReportColumn['unit'], value: (t: TTicket) => CellValue): TicketColumn => ({
  key,
  label,
  unit,
  value,
});

export const TICKET_EXPORT_COLUMNS: readonly TicketColumn[] = [
  c('number', 'Number', 'text', (t) => t.number),
  c('id', 'Id', 'text', (t) => t.id),
  c('type', 'Type', 'text', (t) => t.type),
  c('title', 'Title', 'text', (t) => t.title),
  c('status', 'Status', 'text', (t) => t.status),
  c('priority', 'Priority', 'text', (t) => t.priority),
  c('impact', 'Impact', 'count', (t) => t.impact),
  c('urgency', 'Urgency', 'count', (t) => t.urgency),
  c('team', 'Team', 'text', (t) => t.teamId),
  c('owner', 'Owner', 'text', (t) => t.ownerId),
  c('channel', 'Channel', 'text', (t) => t.channel),
  c('requesterEmail', 'Requester email', 'text', (t) => t.requester.email),
  c('requesterName', 'Requester name', 'text', (t) => t.requester.name),
  c('category', 'Category', 'text', (t) => t.category),
  c('tags', 'Tags', 'text', (t) => t.tags.join(' ')),
  c('createdAt', 'Created', 'text', (t) => t.createdAt),
  c('updatedAt', 'Updated', 'text', (t) => t.updatedAt),
  c('resolvedAt', 'Resolved', 'text', (t) => t.resolvedAt),
  c('closedAt', 'Closed', 'text', (t) => t.closedAt),
  c('slaPolicy', 'SLA policy', 'text', (t) => t.sla?.policyId ?? null),
  c('slaStatus', 'SLA status', 'text', (t) => t.sla?.status ?? null),
  c('slaDueAt', 'SLA due', 'text', (t) => t.sla?.dueAt ?? null),
  c('firstResponseState', 'First response SLA', 'text', (t) => t.sla?.firstResponse?.state ?? null),
  c('resolutionState', 'Resolution SLA', 'text', (t) => t.sla?.resolution?.state ?? null),
  c('resolutionElapsed', 'Resolution SLA elapsed', 'ms', (t) => t.sla?.resolution?.elapsedMs ?? null),
];

export const ticketRow = (t: TTicket): CellValue[] => TICKET_EXPORT_COLUMNS.map((col) => col.value(t));
