/**
 * Seeds the demo organisation and a handful of tickets in several states. Tickets are made
 * through the real use cases, so their timelines and events are what the product would write.
 */

import type { CmdbUseCases } from '../../shared/cmdb/cmdb-use-cases.js';
import type { CustomerService } from '../../shared/customers/customer-service.js';
import type { DirectoryRepository } from '../../shared/directory/directory-repository.js';
import type { Actor } from '../../shared/kernel/actor.js';
import type { Result } from '../../shared/kernel/result.js';
import type { KnownErrorUseCases } from '../../shared/known-errors/known-error-use-cases.js';
import { DEFAULT_RULES } from '../../shared/rules/default-rules.js';
import type { SlaConfigRepository } from '../../shared/sla-engine/sla-config-repository.js';
import type { TicketMerges } from '../../shared/use-cases/ticket-merges.js';
import type { TicketUseCases } from '../../shared/use-cases/ticket-use-cases.js';
import { seedCmdb } from './cmdb-seed.js';
import { seedCustomers } from './customer-seed.js';
import { DEMO_AGENTS, DEMO_TEAMS } from './demo-organisation.js';
import { seedKnownErrors } from './known-error-seed.js';
import { seedProductivity } from './productivity-seed.js';
import { seedSlaDefaults } from './sla-defaults.js';

const must = <T>(result: Result<T>, what: string): T => {
  if (!result.ok) throw new Error(`seed: ${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};

const actorOf = (id: string): Actor => {
  const agent = DEMO_AGENTS.find((a) => a.id === id);
  if (!agent) throw new Error(`seed: no agent ${id}`);
  return { kind: 'agent', agentId: agent.id, roles: agent.roles, teamIds: agent.teamIds };
};

/**
 * Returns false when the directory already has agents (the seed runs on first start only).
 * With `sla`, the default SLA calendars, policies and OLA are written first, so the demo tickets
 * carry SLA clocks; with `rules`, the default rules (P1 routing, overdue assists, auto-routing).
 */
export async function seedDemo(
  directory: DirectoryRepository,
  tickets: TicketUseCases,
  sla?: SlaConfigRepository,
  rules?: { create(rule: unknown): Promise<Result<unknown>> },
  customers?: CustomerService,
  /** Templates and macros; with `merges`, the demo also shows a duplicate merged into its ticket (ADR 0035). */
  productivity?: Parameters<typeof seedProductivity>[0] & { merges?: TicketMerges },
  cmdb?: CmdbUseCases,
  knownErrors?: KnownErrorUseCases,
): Promise<boolean> {
  if ((await directory.agents()).length > 0) return false;
  if (sla) await seedSlaDefaults(sla);
  for (const team of DEMO_TEAMS) await directory.saveTeam(team);
  for (const agent of DEMO_AGENTS) await directory.saveAgent(agent);
  // The default rules (issue 6) come after the teams they name and before the tickets they act on.
  if (rules) for (const rule of DEFAULT_RULES) must(await rules.create(rule), `rule ${rule.name}`);
  // Companies, contacts, the Enterprise policy and the customer rules (issue 14), before the tickets.
  if (customers) await seedCustomers(customers, sla, rules);

  const lee = actorOf('ag_lee');
  const alice = actorOf('ag_alice');
  // Ticket templates and macros (issue 18), after the teams they name.
  if (productivity) await seedProductivity(productivity, { lead: lee, alice });
  const bob = actorOf('ag_bob');
  const dave = actorOf('ag_dave');
  const open = async (
    title: string,
    requester: string,
    impact: 1 | 2 | 3,
    urgency: 1 | 2 | 3,
    teamId = 'service-desk',
  ) =>
    must(
      await tickets.create(
        {
          type: 'incident',
          title,
          description: `${title}. Reported by ${requester}.`,
          requester: { email: `${requester.toLowerCase().replace(' ', '.')}@customer.example`, name: requester },
          impact,
          urgency,
          teamId,
          channel: 'email',
        },
        lee,
      ),
      title,
    ).ticket.id;

  const printer = await open('Printer on floor 3 jams on every job', 'Carla Jones', 3, 2);
  const vpn = await open('Cannot connect to VPN from home', 'Peter Smith', 2, 1);
  await open('New starter needs a laptop', 'Hanna Berg', 3, 3);

  const outlook = await open('Outlook keeps asking for password', 'Maria Lopez', 2, 2);
  must(await tickets.accept(outlook, alice), 'accept outlook');
  must(
    await tickets.addNote(
      outlook,
      { body: 'Reset the credential cache; waiting for the user to confirm.', visibility: 'internal' },
      alice,
    ),
    'note',
  );
  must(
    await tickets.changeStatus(outlook, { status: 'pending', reason: 'Waiting for the customer' }, alice),
    'pending',
  );

  // Maria wrote again about the same prompt: the lead merges the duplicate into the ticket Alice works.
  if (productivity?.merges) {
    const again = await open('Outlook password prompt again', 'Maria Lopez', 2, 2);
    must(await productivity.merges.merge(again, { intoId: outlook, assists: 'move' }, lee), 'merge outlook duplicate');
  }

  const slow = await open('Orders database very slow since this morning', 'Tom Baker', 1, 2);
  must(await tickets.accept(slow, bob), 'accept slow');
  const toDba = must(
    await tickets.requestAssist(
      slow,
      { expert: { agentId: 'ag_dave' }, question: 'Can you check the slow query log on orders-db?' },
      bob,
    ),
    'assist dba',
  );
  must(
    await tickets.requestAssist(
      slow,
      { expert: { teamId: 'network' }, question: 'Any packet loss between app and db subnets?' },
      bob,
    ),
    'assist network',
  );
  must(await tickets.actOnAssist(toDba.value, 'accept', { proposeReply: false }, dave), 'dba accepts');
  must(
    await tickets.actOnAssist(
      toDba.value,
      'contribute',
      { body: 'A missing index on orders.customer_id; creating it now.', proposeReply: false },
      dave,
    ),
    'dba contributes',
  );

  const done = await open('Password reset for shared mailbox', 'Lena Fischer', 3, 3);
  must(await tickets.accept(done, alice), 'accept done');
  must(
    await tickets.changeStatus(done, { status: 'resolved', reason: 'Password reset and confirmed' }, alice),
    'resolve',
  );
  // The demo CMDB (issue 15) and the affected CIs of the orders, VPN and printer tickets.
  const ciIds = cmdb ? await seedCmdb(cmdb, { ordersSlow: slow, vpn, printer }) : undefined;
  // Known errors the Outlook, VPN and printer incidents are offered, and a candidate (issue 17).
  if (knownErrors)
    await seedKnownErrors(
      knownErrors,
      tickets,
      { lee, dave },
      ciIds ? { vpn: ciIds.vpn, printer: ciIds.printer, email: ciIds.email, remote: ciIds.remote } : {},
    );
  return true;
}
