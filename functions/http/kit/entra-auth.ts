/**
 * Production credentials (AUTH_MODE=azure), turned into an email plus, for bearer tokens, the
 * roles the token grants:
 * - Static Web Apps principal (`x-ms-client-principal`), trusted only when the request also
 *   carries the `x-ms-auth-token` the linked Static Web App adds, issued by OUR Static Web App
 *   (`iss` = https://<AZURE_SWA_HOSTNAME>/.auth) and not expired. Its signature is checked by the
 *   Function App's platform authentication ("Azure Static Web Apps (Linked)", set up by linking;
 *   SWA publishes no keys), so here it binds the principal to our front end and to freshness.
 * - Entra ID bearer tokens (`Authorization: Bearer`), verified with `jose` against the tenant's
 *   signing keys, issuer and audience; app roles (`Agent`, `ItilNext.Admin`, ...) map to roles.
 */
import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { ROLES, type Role } from '../../../shared/directory/agent.js';

export interface AzureAuthOptions {
  /** Host names of the linked Static Web App (`nice-sea-0123.azurestaticapps.net`). */
  readonly swaHostnames?: readonly string[];
  readonly tenantId?: string;
  /** Accepted `aud` values of bearer tokens (Application ID URI and/or client id). */
  readonly audiences?: readonly string[];
  /** Key source; defaults to the tenant's published keys. Tests pass a local key set. */
  readonly keys?: JWTVerifyGetKey;
  readonly now?: () => Date;
}

export interface AzureIdentity {
  readonly email: string;
  /** Roles granted by the credential itself (bearer app roles); undefined = the directory decides. */
  readonly tokenRoles?: readonly Role[];
}

const split = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Options from the validated configuration (the composition root passes them to Authenticator). */
export const azureAuthOptions = (config: {
  AZURE_SWA_HOSTNAME?: string | undefined;
  AZURE_TENANT_ID?: string | undefined;
  AZURE_API_AUDIENCE?: string | undefined;
}): AzureAuthOptions => ({
  swaHostnames: split(config.AZURE_SWA_HOSTNAME).map((h) => h.toLowerCase()),
  ...(config.AZURE_TENANT_ID ? { tenantId: config.AZURE_TENANT_ID } : {}),
  audiences: split(config.AZURE_API_AUDIENCE),
});

/** `Agent`, `agent`, `ItilNext.Agent` -> 'agent'; unknown app roles are ignored. */
export const rolesFromAppRoles = (claim: unknown): Role[] => {
  const values = Array.isArray(claim) ? claim.filter((v): v is string => typeof v === 'string') : [];
  const mapped = values.map((v) => (v.split('.').at(-1) ?? '').toLowerCase());
  return ROLES.filter((role) => mapped.includes(role));
};

const emailFromSwaPrincipal = (header: string): string | undefined => {
  try {
    const principal = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { userDetails?: unknown };
    return typeof principal.userDetails === 'string' && principal.userDetails.includes('@')
      ? principal.userDetails
      : undefined;
  } catch {
    return undefined;
  }
};

export class EntraCredentials {
  private readonly keys: JWTVerifyGetKey | undefined;

  constructor(private readonly options: AzureAuthOptions) {
    this.keys =
      options.keys ??
      (options.tenantId
        ? createRemoteJWKSet(new URL(`https://login.microsoftonline.com/${options.tenantId}/discovery/v2.0/keys`))
        : undefined);
  }

  async identify(headers: { get(name: string): string | null }): Promise<AzureIdentity | undefined> {
    const principal = headers.get('x-ms-client-principal');
    const swaToken = headers.get('x-ms-auth-token');
    // Through the Static Web App the Authorization header carries SWA's own token, so the
    // SWA path is tried first and a bearer token is only considered without a principal.
    if (principal) return swaToken && this.fromOurStaticWebApp(swaToken) ? this.swa(principal) : undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    return bearer ? this.bearer(bearer) : undefined;
  }

  private swa(principal: string): AzureIdentity | undefined {
    const email = emailFromSwaPrincipal(principal);
    return email ? { email } : undefined;
  }

  private fromOurStaticWebApp(token: string): boolean {
    const hosts = this.options.swaHostnames ?? [];
    if (hosts.length === 0) return false;
    try {
      const claims = decodeJwt(token);
      const now = (this.options.now?.() ?? new Date()).getTime() / 1000;
      const issuerHost = typeof claims.iss === 'string' ? new URL(claims.iss).host.toLowerCase() : '';
      return hosts.includes(issuerHost) && typeof claims.exp === 'number' && claims.exp > now - 60;
    } catch {
      return false;
    }
  }

  private async bearer(token: string): Promise<AzureIdentity | undefined> {
    const { tenantId, audiences = [] } = this.options;
    if (!this.keys || !tenantId || audiences.length === 0) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`],
        audience: [...audiences],
        algorithms: ['RS256'],
        clockTolerance: 60,
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      });
      const email = [payload['preferred_username'], payload['upn'], payload['email']].find(
        (v): v is string => typeof v === 'string' && v.includes('@'),
      );
      return email ? { email, tokenRoles: rolesFromAppRoles(payload['roles']) } : undefined;
    } catch {
      return undefined;
    }
  }
}
