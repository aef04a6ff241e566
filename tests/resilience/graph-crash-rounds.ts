/**
 * The Graph webhook crash rounds (issue #25): a change notification answered `202` promises the
 * message will be ingested. The Graph simulator runs in the test process, outside the host, so it
 * outlives the kill as Graph does; its mailbox is filled first, then 16 senders notify the webhook
 * and the host's whole process group is killed after a random number of `202`s. After the restart
 * every message whose notification was answered 202 must land within 15 s, none twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
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

export interface GraphCrashSettings {
  readonly rounds: number;
  /** Messages put in the mailbox per round; the kill comes after a random number of 202s below it. */
  readonly messages: number;
  readonly senders: number;
}

/** Notifies the webhook of each message, `senders` at a time, and kills the host after `killAfter` 202s. */
async function burst(
  sim: GraphSimulator,
  host: CrashableHost,
  tag: string,
  settings: GraphCrashSettings,
  killAfter: number,
): Promise<string[]> {
  const mails: { graphId: string; messageId: string }[] = [];
  for (let i = 0; i < settings.messages; i++) {
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
  await Promise.all(Array.from({ length: settings.senders }, sender));
  killed ??= host.kill();
  await killed;
  return acknowledged;
}

export async function runGraphCrashRounds(
  settings: GraphCrashSettings,
): Promise<{ acknowledged: number; landedInMs: number }[]> {
  const seed = resilienceSeed();
  const random = seededRandom(seed + 1);
  const sim = await startGraphSimulator({ token: GRAPH_SIM_DEFAULT_TOKEN });
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-crash-graph-'));
  const env = { MAIL_PROVIDER: 'graph-sim', GRAPH_BASE_URL: sim.url, BLOB_STORE: 'file' };
  const reports: { acknowledged: number; landedInMs: number }[] = [];
  let host: CrashableHost | undefined;
  try {
    host = await startCrashableHost(dataDir, env);
    for (let round = 1; round <= settings.rounds; round++) {
      const killAfter = 1 + Math.floor(random() * (settings.messages - 1));
      const acknowledged = await burst(sim, host, `g${seed}r${round}`, settings, killAfter);
      host = await startCrashableHost(dataDir, env);
      const landed = await waitForLandings(dataDir, acknowledged, 15_000);
      const context = `seed ${seed}, graph, round ${round}, kill after ${killAfter} 202s`;
      expect(landed.missing, `${context}: answered 202 but not landed\n${host.output().slice(-3000)}`).toEqual([]);
      expect(twice(landed.found), `${context}: landed twice`).toEqual([]);
      expect(quarantinedByMistake(landed.found, acknowledged), `${context}: quarantined`).toEqual([]);
      reports.push({ acknowledged: acknowledged.length, landedInMs: landed.ms });
    }
  } finally {
    await host?.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`graph crash rounds (seed ${seed}): ${JSON.stringify(reports)}`);
  return reports;
}
