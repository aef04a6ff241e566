/**
 * The demo organisation `npm start` seeds on first run: teams, agents with roles and skills.
 * It always contains the admin `admin@demo.local`, leads, and agents in several teams. Nobody has
 * turned on auto-accept: a new P1 is offered to Mia and waits, unowned, until she says yes.
 */
import type { AgentSnapshot, TeamSnapshot } from '../../shared/directory/agent.js';

export const DEMO_TEAMS: readonly TeamSnapshot[] = [
  { id: 'service-desk', slug: 'service-desk', name: 'Service Desk', leadIds: ['ag_lee'], offerMinutes: 10 },
  { id: 'network', slug: 'network', name: 'Network', leadIds: ['ag_oscar'], offerMinutes: 10 },
  { id: 'database', slug: 'database', name: 'Database', leadIds: ['ag_oscar'], offerMinutes: 10 },
  { id: 'major-incident', slug: 'major-incident', name: 'Major Incident', leadIds: ['ag_mia'], offerMinutes: 5 },
  // Reached by email only (ADR 0015): a supplier's storage engineers, nobody of them signs in. Ask
  // it for an assist, find the mail in .data/outbox, answer it with `npm run mail` (README).
  {
    id: 'storage',
    slug: 'storage',
    name: 'Storage (supplier, by email)',
    leadIds: [],
    offerMinutes: 10,
    reachByEmail: { address: 'storage@supplier.example', allowExternal: true, timeZone: 'Europe/Berlin' },
  },
];

const agent = (
  id: string,
  name: string,
  email: string,
  roles: AgentSnapshot['roles'],
  teamIds: string[],
  skills: [string, number][],
  capacity = 10,
): AgentSnapshot => ({
  id,
  name,
  email,
  roles,
  teamIds,
  skills: skills.map(([skill, level]) => ({ name: skill, level })),
  capacity,
  availability: 'online',
  active: true,
});

export const DEMO_AGENTS: readonly AgentSnapshot[] = [
  agent('ag_admin', 'Ada Admin', 'admin@demo.local', ['admin'], ['service-desk'], [['administration', 5]]),
  agent(
    'ag_lee',
    'Lee Lead',
    'lead@demo.local',
    ['lead'],
    ['service-desk'],
    [
      ['windows', 4],
      ['email', 4],
    ],
  ),
  agent(
    'ag_alice',
    'Alice Agent',
    'alice@demo.local',
    ['agent'],
    ['service-desk'],
    [
      ['windows', 3],
      ['email', 4],
    ],
  ),
  agent(
    'ag_bob',
    'Bob Agent',
    'bob@demo.local',
    ['agent'],
    ['service-desk'],
    [
      ['hardware', 4],
      ['printing', 3],
    ],
  ),
  agent(
    'ag_nina',
    'Nina Network',
    'nina@demo.local',
    ['agent'],
    ['network'],
    [
      ['networking', 5],
      ['vpn', 4],
    ],
  ),
  agent(
    'ag_oscar',
    'Oscar Ops',
    'oscar@demo.local',
    ['lead'],
    ['network', 'database'],
    [
      ['networking', 3],
      ['sql', 3],
    ],
  ),
  agent(
    'ag_dave',
    'Dave DBA',
    'dave@demo.local',
    ['expert'],
    ['database'],
    [
      ['sql', 5],
      ['postgres', 5],
    ],
  ),
  agent('ag_mia', 'Mia Major', 'mia@demo.local', ['lead', 'agent'], ['major-incident'], [['incident-command', 5]]),
];
