import { describe, expect, it } from 'vitest';
import { classRegistry } from '../../../shared/cmdb/ci-classes.js';
import { planImport } from '../../../shared/cmdb/ci-import.js';
import { parseCiFile } from './ci-file-parser.js';

const registry = classRegistry();
const csv = (lines: string[]) => ['key,name,ciClass,assetTag,attr.deviceType,relations', ...lines].join('\n');
const plan = (lines: string[]) => {
  const file = parseCiFile('csv', csv(lines), registry);
  if (!file.ok) throw new Error(file.message);
  const planned = planImport(file.rows, {
    registry,
    existingByKey: new Map(),
    assetTagHolders: new Map([['at-taken', 'ci_x']]),
  });
  return { ...planned, rejected: [...file.rejected, ...planned.rejected].sort((a, b) => a.line - b.line) };
};

describe('the file import plan', () => {
  it('takes good rows and rejects each bad one with its reason', () => {
    const result = plan([
      'sw1,core switch,network_device,AT-1,switch,',
      'srv1,esx-01,server,AT-2,,connects_to>sw1',
      'x1,toaster,toaster,,,',
      'srv2,esx-02,server,AT-2,,',
      'srv3,esx-03,server,,,depends_on>nowhere',
      'app1,payroll,application,,,connects_to>sw1',
      'srv4,esx-04,server,at-taken,,',
      'sw1,again,network_device,,switch,',
      'srv5,esx-05,server,,,',
    ]);
    expect(result.creates.map((r) => r.key)).toEqual(['sw1', 'srv1', 'srv5']);
    expect(result.rejected.map((r) => [r.line, r.key, r.reason])).toEqual([
      [4, 'x1', 'Unknown CI class "toaster"'],
      [5, 'srv2', 'asset tag AT-2 is also on row srv1'],
      [6, 'srv3', 'relation depends_on to nowhere: no such CI in the file or the CMDB'],
      [7, 'app1', 'relation connects_to to sw1: A application cannot be the source of "connects to"'],
      [8, 'srv4', 'asset tag at-taken already belongs to another CI'],
      [9, 'sw1', 'key sw1 appears twice in the file'],
    ]);
  });

  it('rejects the rows relating to a rejected row, so nothing points at a CI that was not taken', () => {
    const result = plan([
      'vm1,vm,virtual_machine,,,hosted_on>bad',
      'bad,x,toaster,,,',
      'app1,a,application,,,runs_on>vm1',
    ]);
    expect(result.creates).toEqual([]);
    expect(result.rejected.map((r) => r.key)).toEqual(['vm1', 'bad', 'app1']);
  });

  it('refuses a malformed file with a clear message', () => {
    expect(parseCiFile('json', '{"cis": 3}', registry)).toEqual({
      ok: false,
      message: 'The JSON file must be an object with a "cis" list of objects',
    });
    expect(parseCiFile('json', 'not json', registry)).toMatchObject({
      ok: false,
      message: 'The file is not valid JSON',
    });
    expect(parseCiFile('csv', 'a,b\n1,2', registry)).toMatchObject({
      ok: false,
      message: 'The CSV file needs the columns key, name and ciClass',
    });
    expect(parseCiFile('csv', 'key,name,ciClass\n"a,b', registry)).toMatchObject({ ok: false });
  });

  it('reads JSON rows with attributes and relations, and rejects a malformed row alone', () => {
    const file = parseCiFile(
      'json',
      JSON.stringify({
        cis: [
          { key: 'db1', name: 'pg-01', ciClass: 'database', attributes: { engine: 'postgresql' } },
          { key: 'app1', name: 'crm', ciClass: 'application', relations: [{ type: 'depends_on', to: 'db1' }] },
          { key: 'bad', name: 'x', ciClass: 'server', criticality: 9 },
        ],
      }),
      registry,
    );
    if (!file.ok) throw new Error(file.message);
    expect(file.rows.map((r) => r.key)).toEqual(['db1', 'app1']);
    expect(file.rejected.map((r) => [r.line, r.key])).toEqual([[3, 'bad']]);
    expect(file.rows[1]?.relations).toEqual([{ type: 'depends_on', toKey: 'db1' }]);
  });
});
