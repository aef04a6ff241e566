/**
 * What a macro's placeholders can name, and the values for one ticket: `{{ticket.number}}`,
 * `{{requester.firstName}}`, `{{agent.name}}`, `{{company.name}}`... Plain data only (strings),
 * so a template cannot reach an object's methods or prototype. Unknown placeholders render empty.
 */
import type { TicketSnapshot } from '../tickets/ticket-types.js';

export const PLACEHOLDERS: readonly { name: string; description: string }[] = [
  { name: 'ticket.number', description: 'The ticket number, e.g. INC-1042' },
  { name: 'ticket.title', description: "The ticket's title" },
  { name: 'ticket.status', description: 'new, open, pending, resolved or closed' },
  { name: 'ticket.priority', description: 'P1 .. P4' },
  { name: 'ticket.type', description: 'incident, service_request or question' },
  { name: 'ticket.createdAt', description: 'When the ticket was opened (ISO 8601)' },
  { name: 'requester.name', description: "The requester's full name (their address when no name is known)" },
  { name: 'requester.firstName', description: "The requester's first name" },
  { name: 'requester.lastName', description: "The requester's last name" },
  { name: 'requester.email', description: "The requester's address" },
  { name: 'agent.name', description: 'You: the agent applying the macro' },
  { name: 'agent.firstName', description: 'Your first name' },
  { name: 'agent.email', description: 'Your address' },
  { name: 'company.name', description: "The requester's company (empty when none)" },
  { name: 'company.tier', description: "The company's tier as recorded on the ticket" },
  { name: 'team.name', description: "The ticket's team" },
];

/** "Pat Smith" -> Pat / Smith; "Smith, Pat" -> Pat / Smith; one word is a first name. */
export function splitName(name: string): { first: string; last: string } {
  const trimmed = name.trim();
  if (trimmed.includes(',')) {
    const [last = '', first = ''] = trimmed.split(',', 2).map((p) => p.trim());
    return { first: first.split(/\s+/)[0] ?? '', last };
  }
  const parts = trimmed.split(/\s+/).filter((p) => p !== '');
  return { first: parts[0] ?? '', last: parts.length > 1 ? parts.slice(1).join(' ') : '' };
}

export interface MacroAgent {
  readonly name: string;
  readonly email: string;
}

export function macroContext(
  ticket: TicketSnapshot,
  agent: MacroAgent | null,
  teamName: (teamId: string) => string | undefined,
): Record<string, Record<string, string>> {
  const requesterName = ticket.requester.name.trim();
  const requester = splitName(requesterName);
  const me = splitName(agent?.name ?? '');
  return {
    ticket: {
      number: ticket.number,
      title: ticket.title,
      status: ticket.status,
      priority: ticket.priority,
      type: ticket.type,
      createdAt: ticket.createdAt,
    },
    requester: {
      name: requesterName || ticket.requester.email,
      firstName: requester.first,
      lastName: requester.last,
      email: ticket.requester.email,
    },
    agent: { name: agent?.name ?? '', firstName: me.first, email: agent?.email ?? '' },
    company: { name: ticket.customer?.companyName ?? '', tier: ticket.customerTier ?? ticket.customer?.tier ?? '' },
    team: { name: ticket.teamId ? (teamName(ticket.teamId) ?? ticket.teamId) : '' },
  };
}
