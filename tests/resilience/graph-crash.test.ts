/**
 * Issue #25, Graph side: a change notification answered `202` promises the message will be
 * ingested. The Graph simulator runs here, outside the host, so it outlives the kill like Graph
 * does; its mailbox is filled first, then 16 senders notify the webhook and the host's whole
 * process group is killed after a random number of `202`s. After the restart every message whose
 * notification was answered 202 must land within 15 s, none twice, over 5 rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_SIM_DEFAULT_TOKEN } from '../../functions/adapters/graph/graph-config.js';
import { type GraphSimulator, startGraphSimulator } from '../simulators/graph/graph-simulator.js';
import {
  type CrashableHost,
  crashMail,
  quarantinedByMistake,
  resilienceSeed,
  seededRandom,
  startCrashableHost,
  twice,
  waitForLandings,
} from './crash-host.js';

const MAILBOX = 'support@demo.local';
const ROUNDS = 5;
const MESSAGES = 60;
const SENDERS = 16;

describe('Graph webhook across SIGKILL', () => {
  let sim: GraphSimulator;
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-crash-graph-'));
  beforeAll(async () => {
    sim = await startGraphSimulator({ token: GRAPH_SIM_DEFAULT_TOKEN });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Notifies the webhook of each message, 16 at a time, and kills the host after `killAfter` 202s. */
  async function burst(host: CrashableHost, tag: string, killAfter: number): Promise<string[]> {
    const mails: { graphId: string; messageId: string }[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const mail = crashMail(tag, i);
      const { message } = await sim.deliver(MAILBOX, mail.raw, 'drop');
      mails.push({ graphId: message.id, messageId: mail.messageId });
    }
    const acknowledged: string[] = [];
    let killed: Promise<void> | undefined;
    let next = 0;
    const sender = async () => {
      while (next < mails.length && !killed) {
        const mail = mails[next++] as { graphId: string; messageId: string };
        try {
          const answers = await sim.notify(MAILBOX, mail.graphId);
          if (!answers.some((a) => a.status === 202)) continue;
          acknowledged.push(mail.messageId);
          if (acknowledged.length >= killAfter) killed ??= host.kill();
        } catch {
          // Cut off by the kill: Graph would retry, and nothing was promised.
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    killed ??= host.kill();
    await killed;
    return acknowledged;
  }

  it('lands every message whose notification was answered 202 within 15 s of the restart, none twice', async () => {
    const seed = resilienceSeed();
    const random = seededRandom(seed);
    const env = { MAIL_PROVIDER: 'graph-sim', GRAPH_BASE_URL: sim.url, BLOB_STORE: 'file' };
    const reports: { acknowledged: number; landedInMs: number }[] = [];
    let host = await startCrashableHost(dataDir, env);
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        const killAfter = 1 + Math.floor(random() * (MESSAGES - 1));
        const acknowledged = await burst(host, `g${seed}r${round}`, killAfter);
        host = await startCrashableHost(dataDir, env);
        const landed = await waitForLandings(dataDir, acknowledged, 15_000);
        const context = `seed ${seed}, round ${round}, kill after ${killAfter} 202s`;
        expect(landed.missing, `${context}: answered 202 but not landed\n${host.output().slice(-3000)}`).toEqual([]);
        expect(twice(landed.found), `${context}: landed twice`).toEqual([]);
        expect(quarantinedByMistake(landed.found, acknowledged), `${context}: quarantined`).toEqual([]);
        reports.push({ acknowledged: acknowledged.length, landedInMs: landed.ms });
      }
    } finally {
      await host.stop();
    }
    console.log(`graph crash rounds (seed ${seed}): ${JSON.stringify(reports)}`);
    expect(reports.reduce((n, r) => n + r.acknowledged, 0)).toBeGreaterThan(0);
  }, 120_000);
});
