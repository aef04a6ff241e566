/**
 * The SMTP crash rounds (issue #25), run once per blob store by acknowledged-mail-crash.test.ts:
 * a burst of mail from 16 connections, SIGKILL of the host's whole process group after a random
 * number of `250`s, a restart on the same data folder, and then every message answered `250`
 * must land (ticket entry or quarantine) within 15 s, none twice. The next round's burst goes to
 * the restarted host, so N rounds take N + 1 starts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { expect } from 'vitest';
import {
  type CrashableHost,
  crashMail,
  quarantinedByMistake,
  resilienceSeed,
  seededRandom,
  startCrashableHost,
  startSecondOwner,
  twice,
  waitForLandings,
} from './crash-host.js';

export interface SmtpCrashSettings {
  readonly blobStore: 'azurite' | 'file';
  readonly rounds: number;
  /** Messages offered per round; the kill comes after a random number of 250s below it. */
  readonly messages: number;
  readonly connections: number;
  /** Also check that a second `npm start` on the folder refuses to run while the host owns it. */
  readonly checkSecondOwner?: boolean;
}

export interface RoundReport {
  readonly acknowledged: number;
  /** From the restarted host listening to the last acknowledged message landed. */
  readonly landedInMs: number;
  /** The same from the SIGKILL (includes the restart). */
  readonly sinceKillMs: number;
  /** Queue messages (any queue) the restart released from the killed run's leases. */
  readonly redelivered: number;
}

/** Sends until `killAfter` messages were answered 250, then kills the host; returns the acknowledged Message-IDs. */
async function burst(host: CrashableHost, tag: string, settings: SmtpCrashSettings, killAfter: number) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: host.smtpPort as number,
    pool: true,
    maxConnections: settings.connections,
    maxMessages: Number.POSITIVE_INFINITY,
    ignoreTLS: true,
  });
  const acknowledged: string[] = [];
  let killed: Promise<void> | undefined;
  const sends = Array.from({ length: settings.messages }, async (_, i) => {
    const mail = crashMail(tag, i);
    try {
      const info = await transport.sendMail({
        envelope: { from: 'sender@customer.example', to: ['support@demo.local'] },
        raw: mail.raw,
      });
      if (!/^250\b/.test(info.response)) return;
      acknowledged.push(mail.messageId);
      if (acknowledged.length >= killAfter) killed ??= host.kill();
    } catch {
      // Refused or cut off by the kill: not acknowledged, so nothing is owed.
    }
  });
  await Promise.all(sends);
  // Every message was answered before the kill point was reached (a slow host): kill now.
  killed ??= host.kill();
  await killed;
  transport.close();
  return acknowledged;
}

export async function runSmtpCrashRounds(settings: SmtpCrashSettings): Promise<RoundReport[]> {
  const seed = resilienceSeed();
  const random = seededRandom(seed);
  const dataDir = mkdtempSync(join(tmpdir(), `itil-crash-${settings.blobStore}-`));
  const env = { BLOB_STORE: settings.blobStore };
  const reports: RoundReport[] = [];
  const everyAck: string[] = [];
  let host = await startCrashableHost(dataDir, env);
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      const killAfter = 1 + Math.floor(random() * (settings.messages - 1));
      const acknowledged = await burst(host, `s${seed}r${round}`, settings, killAfter);
      const killedAt = Date.now();
      everyAck.push(...acknowledged);
      host = await startCrashableHost(dataDir, env);
      const landed = await waitForLandings(dataDir, acknowledged, 15_000);
      const context = `seed ${seed}, ${settings.blobStore}, round ${round}, kill after ${killAfter} acks`;
      expect(landed.missing, `${context}: acknowledged but not landed in 15 s\n${host.output().slice(-3000)}`).toEqual(
        [],
      );
      expect(twice(landed.found), `${context}: landed twice`).toEqual([]);
      expect(quarantinedByMistake(landed.found, acknowledged), `${context}: quarantined`).toEqual([]);
      const redelivered = Number(/Redelivering (\d+) queue message/.exec(host.output())?.[1] ?? 0);
      reports.push({
        acknowledged: acknowledged.length,
        landedInMs: landed.ms,
        sinceKillMs: Date.now() - killedAt,
        redelivered,
      });
    }
    if (settings.checkSecondOwner) {
      const second = await startSecondOwner(dataDir, env);
      expect(second.code).toBe(1);
      expect(second.output.trim()).toMatch(
        /^DATA_DIR \S+ is in use by another ITIL-NEXT process \(pid \d+\): stop it first, or start with another DATA_DIR\.$/,
      );
    }
    // Nothing a crash interrupted came back twice later either.
    const final = await waitForLandings(dataDir, everyAck, 15_000);
    expect(final.missing).toEqual([]);
    expect(twice(final.found)).toEqual([]);
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`smtp crash rounds (${settings.blobStore}, seed ${seed}): ${JSON.stringify(reports)}`);
  return reports;
}
