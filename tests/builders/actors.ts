/**
 * Test actors with obvious names: `anAgent('alice')`, `aLead()`, `anExpert()`, `aCustomer()`,
 * `systemActor`. Agents come with roles and teams so permission rules can be exercised directly.
 */
import type { AgentSnapshot, Role } from '../../shared/directory/agent.js';
import { type Actor, systemActor as systemActorNamed } from '../../shared/kernel/actor.js';

export type AgentActor = Extract<Actor, { kind: 'agent' }>;

export const SERVICE_DESK = 'team_servicedesk';
export const DBA_TEAM = 'team_dba';

export const anAgent = (
  agentId: string,
  options: { roles?: readonly Role[]; teamIds?: readonly string[] } = {},
): AgentActor => ({
  kind: 'agent',
  agentId,
  roles: options.roles ?? ['agent'],
  teamIds: options.teamIds ?? [SERVICE_DESK],
});

export const aLead = (agentId = 'lena', teamIds: readonly string[] = [SERVICE_DESK]): AgentActor =>
  anAgent(agentId, { roles: ['lead'], teamIds });

export const anAdmin = (agentId = 'ada'): AgentActor => anAgent(agentId, { roles: ['admin'], teamIds: [] });

/** An expert is a light agent: answers assists, never owns tickets. */
export const anExpert = (agentId = 'ed', teamIds: readonly string[] = [DBA_TEAM]): AgentActor =>
  anAgent(agentId, { roles: ['expert'], teamIds });

export const aCustomer = (email = 'carol@customer.example'): Actor => ({ kind: 'customer', email });

export const aSystem = (name = 'test-system'): Actor => systemActorNamed(name);

/** The system (timers, rules, inbound mail) acting on its own. */
export const systemActor: Actor = aSystem();

/** What `Ticket.transfer` needs to know about the receiving agent. */
export const asTransferTarget = (agent: AgentActor, active = true) => ({
  id: agent.agentId,
  roles: agent.roles,
  active,
});

/** The directory record of an agent actor, for fake directories in use-case and API tests. */
export const anAgentSnapshot = (agent: AgentActor, overrides: Partial<AgentSnapshot> = {}): AgentSnapshot => ({
  id: agent.agentId,
  email: `${agent.agentId}@demo.local`,
  name: agent.agentId,
  roles: agent.roles,
  teamIds: agent.teamIds,
  skills: [],
  capacity: 10,
  availability: 'online',
  active: true,
  ...overrides,
});
