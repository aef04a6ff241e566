/**
 * Browser-test harness: a fresh local host per test file (random port, fresh data folder,
 * seeded demo), Debian's Chromium driven by playwright-core, dev sign-in, a small API client
 * for set-up and assertions, and screenshots under test-artifacts/screens/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ensureWebBuild } from '../../infra/local/web-build.js';
import type { E2EStore } from '../support/e2e-stores.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENS_DIR = join(ROOT, 'test-artifacts', 'screens');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface LocalHost {
  readonly url: string;
  /** The port of the host's SMTP listener (mail for support@demo.local). */
  readonly smtpPort: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * The demo's tickets reach the search index from their events shortly after start (ADR 0018):
 * tests find demo tickets with `?q=`, so wait until the last seeded one is findable.
 */
/** Words from demo tickets the browser tests look up. */
const DEMO_WORDS = ['Orders', 'Printer', 'VPN', 'laptop'];

async function demoSearchable(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  const found = async (q: string) => {
    const response = await fetch(`${url}/api/tickets?q=${q}`, { headers: { authorization: 'Dev lead@demo.local' } });
    return response.ok && ((await response.json()) as { items: unknown[] }).items.length > 0;
  };
  while (Date.now() < deadline) {
    if ((await Promise.all(DEMO_WORDS.map(found))).every(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the demo tickets did not reach the search index within 20 s of start');
}

/** Starts `infra/local/start.ts` on a free port with a fresh data folder and waits for its URL. */
export async function startHost(extraEnv: Record<string, string> = {}): Promise<LocalHost> {
  await ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-browser-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_MODE: 'dev',
      SEED_DEMO: 'true',
      SMTP_PORT: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local host did not start in 45 s:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      // The SMTP line follows the listening line; wait for both.
      if (match?.[1] && /SMTP for \S+ on [^\s]+:\d+/.test(output)) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local host exited with ${code}:\n${output}`));
    });
  });
  const smtpPort = Number(/SMTP for \S+ on [^\s]+:(\d+)/.exec(output)?.[1]);
  await demoSearchable(url);
  return {
    url,
    smtpPort,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface HostAndBrowser {
  readonly host: LocalHost;
  readonly browser: Browser;
}

/** The host's settings for a document store: Cosmos DB is the simulator `npm start` launches. */
export const storeEnv = (store: E2EStore): Record<string, string> =>
  store === 'cosmos' ? { STORE: 'cosmos-sim' } : {};

/**
 * One local host and one browser for the calling `describe` block: started before its tests (in
 * parallel), stopped after them. Read `host` and `browser` inside the tests, not at collection time.
 */
export function hostAndBrowserForSuite(store: E2EStore = 'sqlite'): HostAndBrowser {
  const suite = {} as { host: LocalHost; browser: Browser };
  beforeAll(async () => {
    [suite.host, suite.browser] = await Promise.all([startHost(storeEnv(store)), launchBrowser()]);
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.host?.stop();
  });
  return suite;
}

/** A fresh context (own storage) and page; errors in the page are collected for assertions. */
export async function newPage(
  browser: Browser,
  host: LocalHost,
  viewport = { width: 1280, height: 900 },
  serviceWorkers: 'allow' | 'block' = 'block',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // Service workers are blocked unless a test is about them, so every run sees the fresh build.
  const context = await browser.newContext({ baseURL: host.url, viewport, serviceWorkers });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Dev sign-in through the sign-in page, as a person would do it. */
export async function signIn(page: Page, email: string, next = '/'): Promise<void> {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.locator(`button[data-email="${email}"]`).click();
  await page.getByTestId('me').waitFor({ state: 'attached' });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** The API as one agent (dev auth): set-up and assertions outside the browser. */
export function apiAs(host: LocalHost, email: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${host.url}/api/${path}`, {
      method,
      headers: { authorization: `Dev ${email}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body),
  };
}
