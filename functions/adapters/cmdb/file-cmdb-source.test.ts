/**
 * The folder of CMDB exports through the sync: files read with the upload's parser, oldest
 * first, rows taken or rejected with their line and reason, relations after the CIs, the
 * watermark making a file count once, and the same CIs an upload of the file would make.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classRegistry } from '../../../shared/cmdb/ci-classes.js';
import { syncWorld } from '../../../tests/cmdb/sync-world.js';
import { FileCmdbSource } from './file-cmdb-source.js';

const CSV = `key,name,ciClass,criticality,ownerTeamId,assetTag,hostNames,attr.deviceType,relations
sw-1,core-sw-a,network_device,1,network,AT-F-1,,switch,
srv-1,file-srv-1,server,2,,AT-F-2,srv1.example;SRV1.example,,connects_to>sw-1
srv-2,file-srv-2,toaster,2,,,,,
srv-3,file-srv-3,server,9,,,,,
app-1,billing,application,2,,,,,runs_on>srv-1;depends_on>nope
`;

const drop = (dir: string, name: string, content: string, at: Date) => {
  writeFileSync(join(dir, name), content);
  utimesSync(join(dir, name), at, at);
};

describe('CMDB exports dropped in a folder', () => {
  it('imports each file once, whole rows or rejected with the line and reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmdb-drop-'));
    const w = syncWorld(new FileCmdbSource(dir, classRegistry()), { settings: { pageSize: 2 } });
    expect(await w.sync().run()).toMatchObject({ outcome: 'finished' });
    drop(dir, 'export-1.csv', CSV, new Date('2025-05-01T10:00:00Z'));
    drop(dir, 'notes.txt', 'not an export', new Date('2025-05-01T10:00:00Z'));
    await w.sync().run();
    const last = (await w.sync().status()).lastRun;
    expect(last?.counts).toMatchObject({ created: 3, rejected: 2, relationsAdded: 2, relationsRejected: 1 });
    expect(last?.problems.map((p) => [p.line, p.reason])).toEqual(
      expect.arrayContaining([
        [4, expect.stringContaining('toaster')],
        [5, expect.stringContaining('criticality')],
        [6, expect.stringContaining('file:nope is not in the CMDB')],
      ]),
    );
    const srv = (await w.repo.search('file-srv-1', 1))[0];
    expect(srv).toBeDefined();
    const ci = await w.repo.get(srv?.id as string);
    expect(ci?.doc).toMatchObject({ master: 'local', externalId: 'file:srv-1', hostNames: ['srv1.example'] });
    expect((await w.repo.history(srv?.id as string, 5)).items.at(-1)?.source).toBe('import');

    // The next run reads only files at or after the watermark: the same file changes nothing.
    await w.sync().run();
    expect((await w.sync().status()).lastRun?.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    drop(
      dir,
      'export-2.json',
      JSON.stringify({ cis: [{ key: 'srv-1', name: 'file-srv-1', ciClass: 'server', criticality: 1 }] }),
      new Date('2025-05-02T10:00:00Z'),
    );
    await w.sync().run();
    const second = (await w.sync().status()).lastRun;
    expect(second?.counts).toMatchObject({ created: 0, updated: 1 });
    expect((await w.repo.get(srv?.id as string))?.doc.criticality).toBe(1);
  });

  it('refuses a file it cannot read with one reason and goes on with the next', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cmdb-drop-'));
    drop(dir, 'a-broken.json', '{"cis": 3}', new Date('2025-05-01T10:00:00Z'));
    drop(dir, 'b-good.csv', 'key,name,ciClass\nx-1,only-one,server\n', new Date('2025-05-01T11:00:00Z'));
    const w = syncWorld(new FileCmdbSource(dir, classRegistry()));
    await w.sync().run();
    const last = (await w.sync().status()).lastRun;
    expect(last?.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(last?.problems[0]?.reason).toBe(
      'a-broken.json: The JSON file must be an object with a "cis" list of objects',
    );
  });
});
