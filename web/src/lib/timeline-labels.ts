/** How each timeline entry kind is named and grouped on screen (the visual family picks the colour). */
import type { TWorkItemEntry } from '$shared/api/work-items.schemas';

export type Family = 'email-in' | 'email-out' | 'note' | 'assist' | 'system';

const LABELS: Record<string, [string, Family]> = {
  ticket_created: ['Ticket created', 'system'],
  note: ['Internal note', 'note'],
  status_changed: ['Status changed', 'system'],
  owner_changed: ['Owner changed', 'system'],
  fields_changed: ['Fields changed', 'system'],
  assist_requested: ['Assist requested', 'assist'],
  assist_accepted: ['Assist accepted', 'assist'],
  assist_contribution: ['Contribution', 'assist'],
  assist_reply_proposed: ['Proposed customer reply', 'assist'],
  assist_answered: ['Assist answered', 'assist'],
  assist_declined: ['Assist declined', 'assist'],
  assist_withdrawn: ['Assist withdrawn', 'assist'],
  assist_timed_out: ['Assist timed out', 'assist'],
  email_in: ['Customer email', 'email-in'],
  email_out: ['Our reply to the customer', 'email-out'],
  email_held: ['Not sent: shadow mode', 'system'],
  sla_warning: ['SLA warning', 'system'],
  sla_breached: ['SLA breached', 'system'],
  rule_action: ['Rule applied', 'system'],
  offered: ['Offered', 'system'],
  offer_withdrawn: ['Offer withdrawn', 'system'],
  cis_changed: ['Affected CIs changed', 'system'],
  customer_enriched: ['Customer details from HubSpot', 'system'],
  customer_reevaluated: ['SLA re-evaluated for the customer', 'system'],
  link_added: ['Linked', 'system'],
  link_removed: ['Link removed', 'system'],
  merged_into: ['Merged into another ticket', 'system'],
  merged_from: ['Merged from a duplicate', 'system'],
  change_created: ['Change raised', 'system'],
  risk_assessed: ['Risk assessed', 'system'],
  approval_decided: ['Approval decided', 'system'],
};

export function labelOf(entry: TWorkItemEntry): { label: string; family: Family } {
  const [label, family] = LABELS[entry.kind] ?? [entry.kind.replaceAll('_', ' '), 'system' as Family];
  if (entry.kind === 'note' && entry.visibility === 'public') return { label: 'Public note', family };
  if (entry.kind === 'assist_contribution' && entry.data['byOwner']) return { label: 'Owner follow-up', family };
  return { label, family };
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);

/** One line that says what a system event did (status from/to, owner from/to, fields). */
export function summaryOf(entry: TWorkItemEntry, name: (id: string | null) => string): string {
  const d = entry.data;
  switch (entry.kind) {
    case 'status_changed':
      return `${str(d['from'])} → ${str(d['to'])}`;
    case 'owner_changed': {
      const standing = d['standingChoice'] ? ' by their standing choice' : '';
      return `${name((d['from'] as string | null) ?? null)} → ${name((d['to'] as string | null) ?? null)}${d['via'] ? ` (${str(d['via'])}${standing})` : ''}`;
    }
    case 'offered':
      return `${d['from'] ? `${name(d['from'] as string)} → ` : ''}${name((d['to'] as string | null) ?? null)}${d['stage'] === 'lead' ? ' (team lead)' : ''}`;
    case 'fields_changed':
      return Object.keys((d['changes'] as Record<string, unknown>) ?? {}).join(', ');
    case 'merged_from': {
      const entries = d['sourceEntries'] as { toSeq?: number } | undefined;
      return entries?.toSeq ? `its ${entries.toSeq} entries stay on the duplicate` : '';
    }
    default:
      return '';
  }
}
