/**
 * Issue #25: mail acknowledged by the local host (SMTP `250`, Graph webhook `202`) survives a
 * SIGKILL of the host's whole process group at a random moment of a burst, and lands within 15 s
 * of the restart, once. Three scenarios, 5 rounds each (N rounds = N + 1 starts of the real
 * `infra/local/start.ts`); they run concurrently, since each mostly waits for its own host.
 * Per round: 80 SMTP messages over 16 connections, or 60 Graph notifications from 16 senders,
 * killed after a random number of acknowledgements (RESILIENCE_SEED replays a run).
 */
import { describe, expect, it } from 'vitest';
import { runGraphCrashRounds } from './graph-crash-rounds.js';
import { runSmtpCrashRounds } from './smtp-crash-rounds.js';

describe.concurrent('acknowledged mail across SIGKILL of the local host', () => {
  it('SMTP with Azurite (the default blob store): every 250 lands within 15 s, none twice, over 5 rounds', async () => {
    const reports = await runSmtpCrashRounds({ blobStore: 'azurite', rounds: 5, messages: 80, connections: 16 });
    expect(reports).toHaveLength(5);
  }, 120_000);

  it('SMTP with BLOB_STORE=file: the same, and a second npm start on the folder is refused', async () => {
    const reports = await runSmtpCrashRounds({
      blobStore: 'file',
      rounds: 5,
      messages: 80,
      connections: 16,
      checkSecondOwner: true,
    });
    expect(reports).toHaveLength(5);
  }, 120_000);

  it('Graph webhook: every notification answered 202 lands within 15 s, none twice, over 5 rounds', async () => {
    const reports = await runGraphCrashRounds({ rounds: 5, messages: 60, senders: 16 });
    expect(reports).toHaveLength(5);
    expect(reports.reduce((n, r) => n + r.acknowledged, 0)).toBeGreaterThan(0);
  }, 120_000);
});
