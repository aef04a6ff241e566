/** Production credentials: linked Static Web App principal and Entra ID bearer tokens (jose). */
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { azureAuthOptions, EntraCredentials, rolesFromAppRoles } from '../../functions/http/kit/entra-auth.js';

const TENANT = '11111111-2222-3333-4444-555555555555';
const AUDIENCE = 'api://itil-next';
const NOW = new Date('2026-03-01T10:00:00Z');
const SWA = 'nice-sea-0123.azurestaticapps.net';
const now = () => NOW;
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name.toLowerCase()] ?? null });
const principal = (email: string) =>
  Buffer.from(JSON.stringify({ identityProvider: 'aad', userDetails: email, userRoles: ['authenticated'] })).toString(
    'base64',
  );
const swaToken = (issuerHost: string, expiresAt = seconds(NOW) + 300) =>
  new UnsecuredJWT({ prn: 'x' }).setIssuer(`https://${issuerHost}/.auth`).setExpirationTime(expiresAt).encode();

const { publicKey, privateKey } = await generateKeyPair('RS256');
const otherKeys = await generateKeyPair('RS256');
const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
const bearer = async (
  claims: Record<string, unknown>,
  key = privateKey,
  issuer = `https://login.microsoftonline.com/${TENANT}/v2.0`,
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(seconds(NOW) - 60)
    .setExpirationTime(seconds(NOW) + 3600)
    .sign(key);

const credentials = new EntraCredentials({ swaHostnames: [SWA], tenantId: TENANT, audiences: [AUDIENCE], keys, now });

describe('EntraCredentials: Static Web Apps principal', () => {
  it('accepts the principal forwarded by our linked Static Web App', async () => {
    const id = await credentials.identify(
      headers({ 'x-ms-client-principal': principal('ada@contoso.com'), 'x-ms-auth-token': await swaToken(SWA) }),
    );
    expect(id).toEqual({ email: 'ada@contoso.com' });
  });

  it('refuses a principal header sent without the linked-backend token', async () => {
    expect(
      await credentials.identify(headers({ 'x-ms-client-principal': principal('ada@contoso.com') })),
    ).toBeUndefined();
  });

  it('refuses a token issued by another Static Web App, or an expired one', async () => {
    const p = principal('ada@contoso.com');
    const foreign = await swaToken('evil-app.azurestaticapps.net');
    const stale = await swaToken(SWA, seconds(NOW) - 600);
    expect(
      await credentials.identify(headers({ 'x-ms-client-principal': p, 'x-ms-auth-token': foreign })),
    ).toBeUndefined();
    expect(
      await credentials.identify(headers({ 'x-ms-client-principal': p, 'x-ms-auth-token': stale })),
    ).toBeUndefined();
  });

  it('refuses everything when no Static Web App is configured', async () => {
    const none = new EntraCredentials({ now });
    const h = headers({
      'x-ms-client-principal': principal('ada@contoso.com'),
      'x-ms-auth-token': await swaToken(SWA),
    });
    expect(await none.identify(h)).toBeUndefined();
  });
});

describe('EntraCredentials: bearer tokens', () => {
  it('accepts a token signed by the tenant and maps its app roles', async () => {
    const token = await bearer({ preferred_username: 'lin@contoso.com', roles: ['ItilNext.Lead', 'Agent', 'Other'] });
    expect(await credentials.identify(headers({ authorization: `Bearer ${token}` }))).toEqual({
      email: 'lin@contoso.com',
      tokenRoles: ['agent', 'lead'],
    });
  });

  it('refuses a token signed by another key, from another issuer, or for another audience', async () => {
    const forged = await bearer({ preferred_username: 'lin@contoso.com' }, otherKeys.privateKey);
    const foreign = await bearer(
      { preferred_username: 'lin@contoso.com' },
      privateKey,
      'https://login.microsoftonline.com/other/v2.0',
    );
    for (const token of [forged, foreign])
      expect(await credentials.identify(headers({ authorization: `Bearer ${token}` }))).toBeUndefined();
    const otherAudience = new EntraCredentials({ tenantId: TENANT, audiences: ['api://else'], keys, now });
    const good = await bearer({ preferred_username: 'lin@contoso.com' });
    expect(await otherAudience.identify(headers({ authorization: `Bearer ${good}` }))).toBeUndefined();
  });
});

describe('azureAuthOptions / rolesFromAppRoles', () => {
  it('reads comma-separated settings', () => {
    expect(azureAuthOptions({ AZURE_SWA_HOSTNAME: 'A.example, b.example', AZURE_API_AUDIENCE: 'api://x' })).toEqual({
      swaHostnames: ['a.example', 'b.example'],
      audiences: ['api://x'],
    });
  });

  it('ignores unknown or malformed roles', () => {
    expect(rolesFromAppRoles(['Admin', 'Superuser', 3])).toEqual(['admin']);
    expect(rolesFromAppRoles('admin')).toEqual([]);
  });
});
