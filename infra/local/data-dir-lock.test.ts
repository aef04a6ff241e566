import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError } from './data-dir-lock.js';

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/** A separate process holding the folder's lock the way acquireDataDirLock does, until killed. */
async function holdInChild(dir: string) {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite)});
    const db = new Database(${JSON.stringify(join(dir, 'owner.lock'))}, { timeout: 0 });
    db.exec('BEGIN EXCLUSIVE');
    require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'owner.pid'))}, process.pid + '\\n');
    console.log('held');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return child;
}

describe('acquireDataDirLock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second owner at once, naming the folder, and lets go on release', () => {
    const first = acquireDataDirLock(dir);
    const started = Date.now();
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(() => acquireDataDirLock(dir)).toThrow(
      `DATA_DIR ${dir} is in use by another ITIL-NEXT process (pid ${process.pid}): stop it first, or start with another DATA_DIR.`,
    );
    first.release();
    acquireDataDirLock(dir).release();
  });

  it('is free again as soon as its owner is killed with SIGKILL', async () => {
    const child = await holdInChild(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(`(pid ${child.pid})`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    const lock = acquireDataDirLock(dir);
    lock.release();
  });
});
