/**
 * Mail ingestion throughput on the local platform's adapters (SQLite store, durable local queue,
 * file blob store): the 103-message corpus replayed to 10,000 messages, each made
 * unique by its Message-ID, through parse -> claim -> thread -> attachments -> ticket/entry +
 * events (relayed to the queue). Baseline in the same run: the same mailparser parse alone
 * (our adapter's options) over the same 10,000 messages. Goal: >= 300 msg/s and >= 50%.
 * `npx tsx tests/bench/mail-ingest.bench.ts [count]`
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultMailWorkers } from '../../functions/adapters/mail/mail-worker-pool.js';
import { MailparserMimeParser } from '../../functions/adapters/mail/mailparser-parser.js';
import { compose } from '../../functions/composition-root.js';
import { loadConfig } from '../../functions/config/config.js';
import { DEFAULT_CONCURRENCY } from '../../infra/local/queue-dispatcher.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'mail');
const CONCURRENCY = DEFAULT_CONCURRENCY; // the local queue dispatcher runs as many handlers at once

const corpus = (): Buffer[] =>
  readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readFileSync(join(CORPUS, f)));

/** The message with its Message-ID replaced (or added) so every replay is a new message. */
const unique = (raw: Buffer, n: number): Uint8Array => {
  const text = raw.toString('latin1');
  const id = `Message-ID: <bench-${n}@bench.invalid>`;
  const replaced = /^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im.test(text)
    ? text.replace(/^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im, id)
    : `${id}\r\n${text}`;
  return new Uint8Array(Buffer.from(replaced, 'latin1'));
};

async function pool<T>(items: readonly T[], worker: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const index = next++;
        await worker(items[index] as T, index);
      }
    }),
  );
}

export async function benchMailIngest(count = 10_000) {
  const base = corpus();
  const messages = Array.from({ length: count }, (_, i) => unique(base[i % base.length] as Buffer, i));
  const parser = new MailparserMimeParser();
  const dataDir = mkdtempSync(join(tmpdir(), 'itil-mail-bench-'));
  const composition = await compose(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: 'false', BLOB_STORE: 'file' }), {
    log: () => {},
  });
  try {
    // Warm-up (JIT, SQLite statements) on messages that are not part of the timed runs.
    for (let i = 0; i < 200; i++) await parser.parse(unique(base[i % base.length] as Buffer, -1 - i));
    const parseStart = performance.now();
    await pool(messages, (raw) => parser.parse(raw));
    const parseMs = performance.now() - parseStart;

    const outcomes: Record<string, number> = {};
    const ingestion = composition.services.mail.ingestion;
    const ingestStart = performance.now();
    await pool(messages, async (raw, i) => {
      const outcome = await ingestion.ingest({
        ref: { provider: 'smtp', mailbox: 'support@demo.local', providerMessageId: `bench-${i}` },
        raw,
        receivedAt: new Date().toISOString(),
      });
      outcomes[outcome.status] = (outcomes[outcome.status] ?? 0) + 1;
    });
    const ingestMs = performance.now() - ingestStart;
    const ingestPerSec = (count / ingestMs) * 1000;
    const parsePerSec = (count / parseMs) * 1000;
    return {
      name: 'mail-ingest',
      messages: count,
      concurrency: CONCURRENCY,
      mailWorkers: composition.config.MAIL_WORKERS ?? defaultMailWorkers(availableParallelism()),
      ingestPerSec: Math.round(ingestPerSec),
      parseOnlyPerSec: Math.round(parsePerSec),
      ratio: Number((ingestPerSec / parsePerSec).toFixed(3)),
      goals: { ingestPerSec: ingestPerSec >= 300, ratio: ingestPerSec / parsePerSec >= 0.5 },
      ingestMs: Math.round(ingestMs),
      parseMs: Math.round(parseMs),
      outcomes,
      store: 'sqlite (WAL)',
      blobs: 'file system (no fsync, like SQLite synchronous=NORMAL)',
    };
  } finally {
    await composition.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchMailIngest(Number(process.argv[2] ?? 10_000)), null, 2));
}
