/**
 * Crash safety: the local host is killed with SIGKILL in the middle of a write burst and
 * restarted on the same data folder. Every acknowledged write must be there, and no ticket may
 * be half-written (a ticket without its creation entry, or an entry without its ticket).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'itil-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const startHost = (): Promise<{ child: ChildProcess; url: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', SMTP_PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });

const post = (url: string, path: string, body: unknown) =>
  fetch(`${url}/api/${path}`, {
    method: 'POST',
    headers: { authorization: 'Dev alice@demo.local', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('crash safety of the local host', () => {
  it('keeps every acknowledged write and no half-written ticket after SIGKILL mid-burst', async () => {
    const first = await startHost();
    const acknowledged: string[] = [];
    let running = true;
    const worker = async (w: number) => {
      for (let i = 0; running; i++) {
        try {
          const response = await post(first.url, 'tickets', {
            title: `burst ${w}-${i}`,
            requester: { email: 'b@customer.example', name: 'B' },
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // the host is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    running = false;
    await Promise.all(workers);
    if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startHost();
    try {
      for (const id of acknowledged) {
        const response = await fetch(`${second.url}/api/tickets/${id}`, {
          headers: { authorization: 'Dev alice@demo.local' },
        });
        expect(response.status, id).toBe(200);
      }
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }

    const db = new Database(join(dataDir, 'itil-next.db'), { readonly: true });
    const rows = db.prepare("SELECT pk, id, json_extract(body, '$.docType') AS docType FROM doc_tickets").all() as {
      pk: string;
      id: string;
      docType: string;
    }[];
    db.close();
    const tickets = new Set(rows.filter((r) => r.docType === 'ticket').map((r) => r.pk));
    const created = new Set(rows.filter((r) => r.docType === 'entry' && r.id.endsWith('-e000001')).map((r) => r.pk));
    expect(tickets.size).toBeGreaterThanOrEqual(acknowledged.length);
    expect([...tickets].filter((t) => !created.has(t))).toEqual([]);
    expect([...created].filter((t) => !tickets.has(t))).toEqual([]);
  }, 120_000);
});
