import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../shared/migration/migration-ledger.js';
import { formatReport, parseMigrateArgs } from './migrate-cli.js';

describe('npm run migrate options', () => {
  it('reads the Zendesk account from the flags, or from the environment', () => {
    const flags = parseMigrateArgs(
      [
        '--from',
        'zendesk',
        '--url',
        'https://acme.zendesk.com',
        '--email',
        'a@acme.example',
        '--token',
        't',
        '--dry-run',
      ],
      {},
    );
    expect(flags).toMatchObject({ ok: true, value: { from: 'zendesk', dryRun: true, concurrency: 4 } });
    const env = parseMigrateArgs(['--from', 'zendesk'], {
      ZENDESK_URL: 'https://acme.zendesk.com',
      ZENDESK_EMAIL: 'a@acme.example',
      ZENDESK_TOKEN: 't',
    });
    expect(env).toMatchObject({ ok: true, value: { url: 'https://acme.zendesk.com', dryRun: false } });
  });

  it('takes a generic file or folder with --from file --path', () => {
    expect(parseMigrateArgs(['--from', 'file', '--path', 'export.json'], {})).toMatchObject({
      ok: true,
      value: { from: 'file', path: 'export.json' },
    });
    expect(parseMigrateArgs(['--from', 'file'], {}).ok).toBe(false);
    expect(
      parseMigrateArgs(['--from', 'zammad'], { ZAMMAD_URL: 'https://support.acme.example', ZAMMAD_TOKEN: 't' }),
    ).toMatchObject({ ok: true, value: { from: 'zammad', url: 'https://support.acme.example' } });
  });

  it('says what is missing or unknown, with the usage', () => {
    const missing = parseMigrateArgs(['--from', 'zendesk'], {});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toMatch(/--url[\s\S]*--email[\s\S]*--token[\s\S]*Usage/);
    const unknown = parseMigrateArgs(['--from', 'freshdesk', '--colour', 'x'], {});
    expect(unknown.ok).toBe(false);
    const source = parseMigrateArgs(['--from', 'freshdesk'], {
      ZENDESK_URL: 'https://a.b',
      ZENDESK_EMAIL: 'e',
      ZENDESK_TOKEN: 't',
    });
    if (!source.ok) expect(source.message).toMatch(/--from/);
  });

  it('prints counts, unmapped values and refused rows with their reasons', () => {
    const counts = emptyCounts();
    counts.tickets = { imported: 9, skipped: 1, rejected: 1 };
    const text = formatReport(
      {
        source: 'zendesk',
        dryRun: false,
        resumedFrom: null,
        counts,
        rejected: [{ kind: 'ticket', sourceId: '5', reason: 'requester Phone Only (8999) has no email address' }],
        unmapped: { statuses: {}, priorities: { whenever: 2 }, types: {}, groups: {}, agents: {} },
        finished: true,
      },
      { seconds: 2, rateLimitWaitMs: 1500 },
    );
    expect(text).toContain('Migration finished: zendesk in 2.0 s');
    expect(text).toMatch(/tickets\s+9\s+1\s+1/);
    expect(text).toContain('priorities: whenever (2)');
    expect(text).toContain('ticket 5: requester Phone Only (8999) has no email address');
    expect(text).toContain('waited 1.5 s');
  });
});
