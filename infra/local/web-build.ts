/**
 * Builds the agent web app (web/ -> web/build) with Vite when the build is missing or older
 * than its sources, so `npm start` and the browser tests always serve the current app.
 * A lock directory keeps concurrent callers (parallel test files) from building twice at once.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'web');
const BUILT = join(WEB, 'build', 'index.html');
const LOCK = join(WEB, '.build-lock');
/** Inputs of the build: the app itself and the shared modules it imports. */
const SOURCES = [
  'web/src',
  'web/static',
  'web/svelte.config.js',
  'web/vite.config.ts',
  'shared/api',
  'shared/tickets',
  'shared/assists',
];
const STALE_LOCK_MS = 5 * 60_000;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when web/build exists and is newer than every source file. */
export function webBuildIsFresh(): boolean {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.every((s) => newestMtime(join(ROOT, s)) <= built);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function acquireLock(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch {
      // Someone else builds; a lock older than a build could take was left by a crash.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK, { recursive: true, force: true });
      await sleep(250);
    }
  }
}

function runViteBuild(): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`web build failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/** Builds web/ when needed; resolves once web/build/index.html is current. */
export async function ensureWebBuild(): Promise<void> {
  if (webBuildIsFresh()) return;
  await acquireLock();
  try {
    if (!webBuildIsFresh()) await runViteBuild();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
