/**
 * What the crash tests share: the real local host (`infra/local/start.ts`) in its own process
 * group, so one SIGKILL takes it with Azurite and everything else it started, as a crash or an
 * OOM kill would; where each acknowledged mail landed, read from the SQLite files; and a seeded
 * random source, so a failing round can be replayed with RESILIENCE_SEED.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ensureWebBuild } from '../../infra/local/web-build.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CrashableHost {
  readonly url: string;
  /** The SMTP listener's port, or null (MAIL_PROVIDER other than smtp). */
  readonly smtpPort: number | null;
  /** Everything the host printed so far. */
  output(): string;
  /** SIGKILL to the whole process group; resolves once no process of the group is left. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function startCrashableHost(dataDir: string, env: Record<string, string>): Promise<CrashableHost> {
  await ensureWebBuild(); // once, under its lock: a host that builds it would not start in time
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: ROOT,
    detached: true, // its own process group: the kill reaches Azurite and every other child too
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SMTP_PORT: '0',
      DATA_DIR: dataDir,
      AUTH_MODE: 'dev',
      SEED_DEMO: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pgid = child.pid as number;
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local host did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      const smtpReady = env.MAIL_PROVIDER !== undefined && env.MAIL_PROVIDER !== 'smtp';
      if (match?.[1] && (smtpReady || /SMTP for \S+ on \S+:\d+/.test(output))) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`local host exited (${code ?? signal}) before it listened:\n${output}`));
    });
  });
  const smtp = /SMTP for \S+ on \S+:(\d+)/.exec(output);
  const exited = once(child, 'exit');
  return {
    url,
    smtpPort: smtp ? Number(smtp[1]) : null,
    output: () => output,
    async kill() {
      process.kill(-pgid, 'SIGKILL');
      await exited;
      while (groupAlive(pgid)) await new Promise((r) => setTimeout(r, 10));
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => groupAlive(pgid) && process.kill(-pgid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      while (groupAlive(pgid)) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

/** Runs a second `npm start` on the folder (its owner still running): its exit code and output. */
export async function startSecondOwner(dataDir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SMTP_PORT: '0', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** Where one Message-ID landed, and how often. */
export interface Landing {
  /** Inbound email entries on tickets (a new ticket's first mail is one too). */
  readonly entries: number;
  readonly quarantined: number;
}

/** Where each Message-ID landed, read straight from the host's SQLite file. */
export function landings(dataDir: string): Map<string, Landing> {
  const found = new Map<string, Landing>();
  const file = join(dataDir, 'itil-next.db');
  if (!existsSync(file)) return found;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT json_extract(body, '$.data.messageId') AS mid, 'entry' AS kind FROM doc_tickets
           WHERE json_extract(body, '$.docType') = 'entry' AND json_extract(body, '$.kind') = 'email_in'
         UNION ALL
         SELECT json_extract(body, '$.messageId'), 'quarantine' FROM doc_mail
           WHERE json_extract(body, '$.docType') = 'mail-quarantine'`,
      )
      .all() as { mid: string | null; kind: 'entry' | 'quarantine' }[];
    for (const { mid, kind } of rows) {
      if (!mid) continue;
      const seen = found.get(mid) ?? { entries: 0, quarantined: 0 };
      found.set(
        mid,
        kind === 'entry' ? { ...seen, entries: seen.entries + 1 } : { ...seen, quarantined: seen.quarantined + 1 },
      );
    }
  } finally {
    db.close();
  }
  return found;
}

/** Polls until every id has landed or `withinMs` passed; returns the time it took and what is missing. */
export async function waitForLandings(
  dataDir: string,
  ids: readonly string[],
  withinMs: number,
): Promise<{ ms: number; missing: string[]; found: Map<string, Landing> }> {
  const started = Date.now();
  for (;;) {
    const found = landings(dataDir);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0 || Date.now() - started >= withinMs) return { ms: Date.now() - started, missing, found };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Ids that landed more than once. */
export const twice = (found: Map<string, Landing>): string[] =>
  [...found].filter(([, l]) => l.entries + l.quarantined > 1).map(([id]) => id);

/**
 * Ordinary mail (not an auto-reply) that went to the quarantine: a crash must not turn a good
 * message into one an admin has to rescue (e.g. by a claim that blocks its redeliveries).
 */
export const quarantinedByMistake = (found: Map<string, Landing>, ids: readonly string[]): string[] =>
  ids.filter((id) => !isRobotMail(id) && (found.get(id)?.quarantined ?? 0) > 0);

/** mulberry32: small, seeded, good enough to pick kill moments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const resilienceSeed = (): number => Number(process.env.RESILIENCE_SEED ?? Date.now() % 1_000_000);

const isRobot = (i: number): boolean => i % 8 === 7;
const isRobotMail = (messageId: string): boolean => isRobot(Number(/-(\d+)@crash\.test$/.exec(messageId)?.[1]));

/**
 * A test mail: new tickets mostly, every fifth a reply to the one before (an entry on its ticket
 * when that one landed first), every eighth an auto-reply (quarantined unless it is a reply).
 */
export function crashMail(tag: string, i: number): { messageId: string; raw: string } {
  const messageId = `${tag}-${i}@crash.test`;
  const sender = `sender${Math.floor(i / 5)}@customer.example`;
  const reply = i % 5 === 4;
  const robot = isRobot(i);
  const lines = [
    `From: ${robot ? 'Out of office' : 'Customer'} <${sender}>`,
    'To: support@demo.local',
    `Subject: ${reply ? 'Re: ' : ''}${robot ? 'Automatic reply: ' : ''}Crash ${tag} message ${reply ? i - 1 : i}`,
    `Message-ID: <${messageId}>`,
    ...(reply ? [`In-Reply-To: <${tag}-${i - 1}@crash.test>`, `References: <${tag}-${i - 1}@crash.test>`] : []),
    ...(robot ? ['Auto-Submitted: auto-replied'] : []),
    'Date: Thu, 26 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ];
  return { messageId, raw: `${lines.join('\r\n')}\r\n\r\nMessage ${i} of ${tag}.\r\n` };
}
