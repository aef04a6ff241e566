import { describe, expect, it } from 'vitest';
import type { Rule } from './rule-schema.js';
import { nextVersion, versionDocId, versionsForSave } from './rule-versions.js';

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'rule_1',
  name: 'Tag printers',
  enabled: true,
  stopProcessing: false,
  trigger: { kind: 'event', events: ['ticket.created'] },
  actions: [{ type: 'set_fields', addTags: ['printer'] }],
  order: 10,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  ...over,
});

describe('rule versions', () => {
  it('gives a rule stored before versions its first version as found, then the save', () => {
    const before = rule();
    const after = rule({
      name: 'Tag printers and scanners',
      version: nextVersion(before),
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    const written = versionsForSave(before, after, 'updated', { kind: 'agent', agentId: 'ag_admin' });
    expect(written.map((v) => [v.version, v.change, v.definition.name, v.savedBy])).toEqual([
      [1, 'created', 'Tag printers', null],
      [2, 'updated', 'Tag printers and scanners', { kind: 'agent', agentId: 'ag_admin' }],
    ]);
    expect(written[0]?.savedAt).toBe(before.updatedAt);
  });

  it('writes one version per save once versioned, keeping what a restore copied', () => {
    const before = rule({ version: 4 });
    const after = rule({ version: nextVersion(before) });
    const [only, ...rest] = versionsForSave(before, after, 'restored', null, 2);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ version: 5, change: 'restored', restoredFrom: 2 });
    // Order and timestamps are not part of what a rule does.
    expect(Object.keys(only?.definition ?? {}).sort()).toEqual([
      'actions',
      'enabled',
      'name',
      'stopProcessing',
      'trigger',
    ]);
  });

  it('names version documents so they sort and can be read by number', () => {
    expect(versionDocId('rule_1', 7)).toBe('rule_1.v000007');
    expect(nextVersion(null)).toBe(1);
  });
});
