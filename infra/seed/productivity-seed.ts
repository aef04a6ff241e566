/**
 * Demo ticket templates and macros (issue 18): what a service desk starts with. Written through
 * the use cases, by the service desk lead (shared and team ones) and Alice (a personal one).
 */
import type { TCreateMacro } from '../../shared/api/macros.schemas.js';
import type { TCreateTicketTemplate } from '../../shared/api/ticket-templates.schemas.js';
import type { TicketTemplates } from '../../shared/intake/ticket-templates.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Macros } from '../../shared/macros/macros.js';

export const DEMO_TEMPLATES: readonly TCreateTicketTemplate[] = [
  {
    name: 'Password reset',
    description: 'A caller is locked out or forgot their password.',
    fields: {
      type: 'service_request',
      title: 'Password reset',
      description: 'Caller is locked out.\nAccount: \nIdentity checked with: ',
      impact: 3,
      urgency: 2,
      teamId: 'service-desk',
      tags: ['password'],
    },
    active: true,
  },
  {
    name: 'New starter laptop',
    description: 'Hardware and accounts for someone joining.',
    fields: {
      type: 'service_request',
      title: 'New starter: laptop and accounts',
      description: 'Name of the new starter: \nStart date: \nManager: \nSoftware needed: ',
      impact: 3,
      urgency: 3,
      teamId: 'service-desk',
      tags: ['onboarding'],
    },
    active: true,
  },
  {
    name: 'Network outage (caller)',
    description: 'Several people cannot reach a network resource.',
    fields: {
      type: 'incident',
      title: 'Network outage: ',
      description: 'Where: \nSince: \nHow many people: \nWhat they cannot reach: ',
      impact: 2,
      urgency: 1,
      teamId: 'network',
      tags: ['outage'],
    },
    active: true,
  },
];

export const DEMO_MACROS: readonly (TCreateMacro & { by: 'lead' | 'alice' })[] = [
  {
    by: 'lead',
    name: 'Ask for more details',
    description: 'Ask the requester for what we need and wait for them.',
    scope: 'shared',
    mode: 'reply',
    body: 'Hello {{ requester.firstName }},\n\nthank you for reporting {{ ticket.number }} ({{ ticket.title }}). To go on we need a few details: when did it start, what exactly do you see, and does it happen for colleagues too?\n\nBest regards,\n{{ agent.name }}\n{{ team.name }}',
    actions: { status: 'pending', addTags: ['waiting-customer'] },
  },
  {
    by: 'lead',
    name: 'Resolved: please confirm',
    description: 'Tell the requester it is fixed and resolve.',
    scope: 'shared',
    mode: 'reply',
    body: 'Hello {{ requester.firstName }},\n\nwe have fixed {{ ticket.number }}{% if company.name != "" %} for {{ company.name }}{% endif %}. If anything still does not work, just reply to this mail and the ticket opens again.\n\nBest regards,\n{{ agent.name }}',
    actions: { status: 'resolved', removeTags: ['waiting-customer'] },
  },
  {
    by: 'lead',
    name: 'Escalate to Network (note)',
    description: 'Internal note and hand the ticket to the Network team queue.',
    scope: 'team',
    teamId: 'service-desk',
    mode: 'note',
    body: 'Looks like a network issue ({{ ticket.number }}); moving to the Network team. Checked by {{ agent.name }}.',
    actions: { teamId: 'network', addTags: ['network'] },
  },
  {
    by: 'alice',
    name: 'My VPN checklist',
    description: 'Alice’s own first answer for VPN trouble.',
    scope: 'personal',
    mode: 'reply',
    body: 'Hi {{ requester.firstName }},\n\ncould you restart the VPN client and tell me the error code it shows? Thanks!\n\n{{ agent.firstName }}',
    actions: { addTags: ['vpn'] },
  },
];

export async function seedProductivity(
  d: { templates: TicketTemplates; macros: Macros },
  actors: { lead: Actor; alice: Actor },
): Promise<void> {
  for (const template of DEMO_TEMPLATES) {
    const created = await d.templates.create(template, actors.lead);
    if (!created.ok) throw new Error(`seed: template ${template.name}: ${created.error.message}`);
  }
  for (const { by, ...macro } of DEMO_MACROS) {
    const created = await d.macros.create(macro, actors[by]);
    if (!created.ok) throw new Error(`seed: macro ${macro.name}: ${created.error.message}`);
  }
}
