/**
 * Where the sign-in mode is decided, in one place. In Azure, Static Web Apps answers
 * `/.auth/me` with a client principal and forwards it to the API itself, so no header is sent.
 * Locally that path is not JSON (the SPA fallback answers), so the dev sign-in is used:
 * the chosen agent's email goes in `Authorization: Dev <email>`.
 */
import { configureClient } from './api/client';

export type AuthMode = 'dev' | 'swa';

const DEV_EMAIL_KEY = 'itil-next.dev-email';

export interface AuthState {
  readonly mode: AuthMode;
  /** Whether there is someone to ask the API about (a principal or a chosen dev agent). */
  readonly signedIn: boolean;
}

export const devEmail = (): string | null => {
  try {
    return localStorage.getItem(DEV_EMAIL_KEY);
  } catch {
    return null;
  }
};

export async function detectAuth(): Promise<AuthState> {
  let mode: AuthMode = 'dev';
  let swaSignedIn = false;
  // A chosen dev agent only exists where the dev sign-in page ran (never behind Static Web
  // Apps, whose API ignores the Dev header anyway): skip the probe's round trip then.
  if (devEmail() === null)
    try {
      const response = await fetch('/.auth/me', { headers: { accept: 'application/json' } });
      if (response.ok && (response.headers.get('content-type') ?? '').includes('json')) {
        const body = (await response.json()) as { clientPrincipal?: unknown };
        if (body && 'clientPrincipal' in body) {
          mode = 'swa';
          swaSignedIn = body.clientPrincipal !== null;
        }
      }
    } catch {
      // no Static Web Apps in front: dev mode
    }
  configureClient(
    (): Record<string, string> => {
      const email = mode === 'dev' ? devEmail() : null;
      return email ? { authorization: `Dev ${email}` } : {};
    },
    () => {
      if (location.pathname !== '/signin')
        location.assign(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`);
    },
  );
  return { mode, signedIn: mode === 'swa' ? swaSignedIn : devEmail() !== null };
}

export function signInAsDev(email: string): void {
  localStorage.setItem(DEV_EMAIL_KEY, email);
}

export function signOut(mode: AuthMode): void {
  localStorage.removeItem(DEV_EMAIL_KEY);
  if (mode === 'swa') location.assign('/.auth/logout?post_logout_redirect_uri=/');
  else location.assign('/signin');
}

export const SWA_LOGIN_URL = '/.auth/login/aad';
