/**
 * The demo's customers (issue 14): companies with mail domains, tiers and account managers, a
 * few contacts, the Enterprise SLA policy (tighter targets, matched on the tier a ticket records),
 * and two rules that read the customer facts: Enterprise tickets are tagged `vip` and the lead is
 * told; an SLA breach tells the company's account manager. Runs before the demo tickets, so their
 * requesters at customer.example record the Standard tier.
 */
import type { CustomerService } from '../../shared/customers/customer-service.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';
import type { TRuleInput } from '../../shared/rules/rule-schema.js';
import type { TSlaPolicyInput } from '../../shared/sla/sla-policy.js';
import { ZSlaPolicy } from '../../shared/sla/sla-policy.js';
import type { SlaConfigRepository } from '../../shared/sla-engine/sla-config-repository.js';

const ADMIN: Actor = { kind: 'agent', agentId: 'ag_admin', roles: ['admin'], teamIds: ['service-desk'] };

export const DEMO_COMPANIES = [
  {
    name: 'Northwind Traders',
    domains: ['northwind.example'],
    tier: 'enterprise',
    accountManagerId: 'ag_alice',
    notes: 'Strategic account: 24x7 support contract.',
    contacts: [
      {
        name: 'Olivia Brandt',
        emails: ['olivia.brandt@northwind.example'],
        phone: '+49 30 1234 5678',
        language: 'de-DE',
        timeZone: 'Europe/Berlin',
      },
      {
        name: 'Marcus Lee',
        emails: ['marcus.lee@northwind.example'],
        phone: null,
        language: 'en',
        timeZone: 'Europe/London',
      },
    ],
  },
  {
    name: 'Contoso Pharma',
    domains: ['contoso.example', 'contoso-pharma.example'],
    tier: 'business',
    accountManagerId: 'ag_bob',
    notes: '',
    contacts: [
      {
        name: 'Raj Patel',
        emails: ['raj.patel@contoso.example'],
        phone: null,
        language: 'en',
        timeZone: 'Asia/Kolkata',
      },
    ],
  },
  {
    name: 'Customer Example Ltd',
    domains: ['customer.example'],
    tier: 'standard',
    accountManagerId: null,
    notes: 'The demo tickets come from here.',
    contacts: [],
  },
] as const;

export const ENTERPRISE_POLICY: TSlaPolicyInput = {
  id: 'enterprise',
  name: 'Enterprise customers (24x7)',
  order: 5,
  conditions: { customerTiers: ['enterprise'] },
  targets: { firstResponse: 30, nextResponse: 120, resolution: { P1: 120, P2: 240, P3: 480, P4: 960 } },
  calendarId: '24x7',
  pauseStatuses: ['pending'],
  warningThresholds: [75, 90],
};

export const CUSTOMER_RULES: readonly TRuleInput[] = [
  {
    name: 'Enterprise customers are VIPs',
    description:
      'A ticket recorded with the Enterprise tier is tagged vip and its team lead is told: at creation, or when the tier arrives later (HubSpot answered after the ticket was made, or an agent re-evaluated the SLA).',
    trigger: { kind: 'event', events: ['ticket.created', 'ticket.customer_updated'] },
    conditions: {
      all: [
        { field: 'ticket.customerTier', op: 'equals', value: 'enterprise' },
        { not: { field: 'ticket.tags', op: 'contains', value: 'vip' } },
      ],
    },
    actions: [
      { type: 'set_fields', addTags: ['vip'] },
      {
        type: 'notify',
        to: ['lead'],
        template: {
          subject: 'Enterprise ticket {{ticket.number}}',
          body: '{{ticket.customer.companyName}} opened {{ticket.number}}: {{ticket.title}}.',
        },
      },
    ],
  },
  {
    name: 'Account manager hears of SLA breaches',
    description: "When a ticket breaches its SLA, the customer company's account manager is told.",
    trigger: { kind: 'event', events: ['sla.breached'] },
    conditions: { field: 'ticket.customer.accountManagerId', op: 'is_not_empty' },
    actions: [
      {
        type: 'notify',
        to: ['account_manager'],
        template: {
          subject: 'SLA breached for {{ticket.customer.companyName}}: {{ticket.number}}',
          body: '{{ticket.number}} ({{ticket.title}}) breached its SLA.',
        },
      },
    ],
  },
];

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`seed: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};

export async function seedCustomers(
  customers: CustomerService,
  sla?: SlaConfigRepository,
  rules?: { create(rule: unknown): Promise<Result<unknown>> },
): Promise<void> {
  for (const { contacts, ...company } of DEMO_COMPANIES) {
    const created = must(
      await customers.createCompany({ ...company, domains: [...company.domains] }, ADMIN),
      company.name,
    );
    for (const contact of contacts)
      must(
        await customers.createContact({ ...contact, emails: [...contact.emails], companyId: created.id }),
        contact.name,
      );
  }
  if (sla) await sla.save('policies', ZSlaPolicy.parse(ENTERPRISE_POLICY), { create: true });
  if (rules) for (const rule of CUSTOMER_RULES) must(await rules.create(rule), `rule ${rule.name}`);
}
