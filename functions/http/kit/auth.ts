/**
 * Who is calling. One code path for every mode: a credential is turned into an email, the
 * email into an active agent of the directory, the agent into an Actor with roles.
 * - `dev` (local only): `Authorization: Dev <agent email>`.
 * - `azure`: the Static Web Apps client principal header (`x-ms-client-principal`).
 */
import type { HttpRequest } from '@azure/functions';
import type { AgentSnapshot, Role } from '../../../shared/directory/agent.js';
import type { DirectoryRepository } from '../../../shared/directory/directory-repository.js';
import type { Actor } from '../../../shared/kernel/actor.js';
import { problem } from './problem.js';
import type { Parsed } from './request.js';

export interface Principal {
  readonly agent: AgentSnapshot;
  readonly actor: Actor & { kind: 'agent' };
}

export type AuthMode = 'dev' | 'azure';

const emailFromSwaPrincipal = (header: string): string | undefined => {
  try {
    const principal = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { userDetails?: unknown };
    return typeof principal.userDetails === 'string' ? principal.userDetails : undefined;
  } catch {
    return undefined;
  }
};

export class Authenticator {
  constructor(
    private readonly mode: AuthMode,
    private readonly directory: DirectoryRepository,
  ) {}

  private emailOf(request: HttpRequest): string | undefined {
    if (this.mode === 'dev') {
      const match = /^Dev\s+(\S+@\S+)$/i.exec(request.headers.get('authorization') ?? '');
      return match?.[1];
    }
    const swa = request.headers.get('x-ms-client-principal');
    return swa ? emailFromSwaPrincipal(swa) : undefined;
  }

  async authenticate(request: HttpRequest, roles: readonly Role[]): Promise<Parsed<Principal>> {
    const email = this.emailOf(request);
    if (!email)
      return {
        ok: false,
        response: problem(
          'AUTH.UNAUTHENTICATED',
          this.mode === 'dev' ? 'Sign in: send `Authorization: Dev <agent email>`' : 'Sign in through the web app',
        ),
      };
    const agent = await this.directory.agentByEmail(email);
    if (!agent?.active) return { ok: false, response: problem('AUTH.FORBIDDEN', `${email} is not an active agent`) };
    if (!agent.roles.some((r) => roles.includes(r)))
      return { ok: false, response: problem('AUTH.FORBIDDEN', `This needs one of the roles: ${roles.join(', ')}`) };
    return {
      ok: true,
      value: { agent, actor: { kind: 'agent', agentId: agent.id, roles: agent.roles, teamIds: agent.teamIds } },
    };
  }
}

export const ALL_ROLES: readonly Role[] = ['agent', 'expert', 'lead', 'admin'];
export const OWNING_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
