/** Issue #25 with BLOB_STORE=file: see smtp-crash-rounds.ts. */
import { describe, expect, it } from 'vitest';
import { runSmtpCrashRounds } from './smtp-crash-rounds.js';

describe('SMTP mail across SIGKILL (file blob store)', () => {
  it('lands every message answered 250 within 15 s of the restart, none twice, over 5 rounds', async () => {
    const reports = await runSmtpCrashRounds({ blobStore: 'file', rounds: 5, messages: 80, connections: 16 });
    expect(reports).toHaveLength(5);
    // The kill caught messages in flight at least once, so the lease release was exercised.
    expect(reports.some((r) => r.redelivered > 0)).toBe(true);
  }, 120_000);
});
