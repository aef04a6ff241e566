/**
 * Who is calling. One code path for every mode: a credential is turned into an email, the
 * email into an active agent of the directory, the agent into an Actor with roles.
 * - `dev` (local only): `Authorization: Dev <agent email>`.
 * - `azure`: the linked Static Web App's client principal or an Entra ID bearer token
 *   (entra-auth.ts). A bearer token's app roles can only narrow the agent's directory roles.
 */
import type { HttpRequest } from '@azure/functions';
import type { AgentSnapshot, Role } from '../../../shared/directory/agent.js';
import type { DirectoryRepository } from '../../../shared/directory/directory-repository.js';
import type { Actor } from '../../../shared/kernel/actor.js';
import { type AzureAuthOptions, EntraCredentials } from './entra-auth.js';
import { problem } from './problem.js';
import type { Parsed } from './request.js';

export interface Principal {
  readonly agent: AgentSnapshot;
  readonly actor: Actor & { kind: 'agent' };
}

export type AuthMode = 'dev' | 'azure';

/** How long a signed-in agent's directory record is reused before it is read again. */
const AGENT_CACHE_MS = 5_000;

export class Authenticator {
  private readonly entra: EntraCredentials;
  private readonly agents = new Map<string, { agent: AgentSnapshot | undefined; until: number }>();

  constructor(
    private readonly mode: AuthMode,
    private readonly directory: DirectoryRepository,
    /** Production sign-in settings (`azureAuthOptions(config)`); without them azure mode refuses everyone. */
    azure: AzureAuthOptions = {},
  ) {
    this.entra = new EntraCredentials(azure);
  }

  private async identify(request: HttpRequest): Promise<{ email: string; tokenRoles?: readonly Role[] } | undefined> {
    if (this.mode === 'dev') {
      const match = /^Dev\s+(\S+@\S+)$/i.exec(request.headers.get('authorization') ?? '');
      return match?.[1] ? { email: match[1] } : undefined;
    }
    return this.entra.identify(request.headers);
  }

  async authenticate(request: HttpRequest, roles: readonly Role[]): Promise<Parsed<Principal>> {
    const identity = await this.identify(request);
    const email = identity?.email;
    if (!email)
      return {
        ok: false,
        response: problem(
          'AUTH.UNAUTHENTICATED',
          this.mode === 'dev' ? 'Sign in: send `Authorization: Dev <agent email>`' : 'Sign in through the web app',
        ),
      };
    const agent = await this.agentByEmail(email);
    if (!agent?.active) return { ok: false, response: problem('AUTH.FORBIDDEN', `${email} is not an active agent`) };
    const granted = identity?.tokenRoles;
    const effective = granted ? agent.roles.filter((r) => granted.includes(r)) : agent.roles;
    if (!effective.some((r) => roles.includes(r)))
      return { ok: false, response: problem('AUTH.FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`) };
    return {
      ok: true,
      value: {
        agent: { ...agent, roles: effective },
        actor: { kind: 'agent', agentId: agent.id, roles: effective, teamIds: agent.teamIds },
      },
    };
  }

  /**
   * Every request needs the caller's agent record; re-reading it each time costs a query per
   * call. A few seconds of reuse bounds how long a deactivation or role change takes to apply.
   */
  private async agentByEmail(email: string): Promise<AgentSnapshot | undefined> {
    const key = email.toLowerCase();
    const now = Date.now();
    const cached = this.agents.get(key);
    if (cached && cached.until > now) return cached.agent;
    const agent = await this.directory.agentByEmail(key);
    if (this.agents.size > 10_000) this.agents.clear();
    this.agents.set(key, { agent, until: now + AGENT_CACHE_MS });
    return agent;
  }
}

export const ALL_ROLES: readonly Role[] = ['agent', 'expert', 'lead', 'admin'];
export const OWNING_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
