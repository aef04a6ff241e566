import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './sqlite-database.js';

const folder = mkdtempSync(join(tmpdir(), 'itil-wal-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('background WAL checkpoints', () => {
  it('never checkpoints on the writer, and a worker copies the WAL into the database file', async () => {
    const file = join(folder, 'docs.db');
    const db = openSqliteDatabase(file);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(2_000));
    const deadline = Date.now() + 10_000;
    while (statSync(file).size <= before + 500_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 500_000);
    db.close();
  });
});
