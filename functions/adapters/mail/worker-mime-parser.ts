/**
 * MimeParser that decodes MIME in worker threads: mailparser is about half of what ingesting a
 * mail costs, and off the main thread it runs beside storing, threading and answering HTTP
 * instead of before them. Workers start on first use, are shared round the least busy, keep the
 * process alive only while they have work, and are replaced when one dies (its messages fail
 * with a plain Error, which the queue retries; a message mailparser rejects is a MimeParseError,
 * which ingestion quarantines, as on the main thread).
 *
 * The worker runs plain JavaScript (WORKER_SOURCE, evaluated): a worker started on a .ts file
 * would need the TypeScript loader, under which mailparser ran about 50 times slower. It sends
 * back the raw mailparser fields; parsedEmailFrom turns them into a ParsedEmail here, so both
 * parsers share one conversion.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { MimeParseError, type MimeParser, type ParsedEmail } from '../../../shared/mail/parsed-email.js';
import { type MailparserOutput, PARSE_OPTIONS, parsedEmailFrom } from './mailparser-parser.js';

const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { simpleParser } = require(workerData.mailparser);
const FIELDS = ['headerLines', 'from', 'to', 'cc', 'replyTo', 'messageId', 'inReplyTo', 'references', 'subject', 'date', 'text', 'html'];
parentPort.on('message', async ({ id, raw }) => {
  try {
    const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), workerData.options);
    const mail = {};
    for (const field of FIELDS) mail[field] = parsed[field];
    // Own copies: mailparser's buffers may be slices of a shared pool, which must not be transferred.
    mail.attachments = (parsed.attachments || []).map((a) => ({
      filename: a.filename, contentType: a.contentType, cid: a.cid, contentId: a.contentId,
      related: a.related, contentDisposition: a.contentDisposition, content: new Uint8Array(a.content),
    }));
    parentPort.postMessage({ id, mail }, mail.attachments.map((a) => a.content.buffer));
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Reply = { id: number; mail: MailparserOutput; error?: undefined } | { id: number; error: string };

interface Pending {
  resolve(email: ParsedEmail): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

const MAILPARSER_PATH = createRequire(import.meta.url).resolve('mailparser');

export class WorkerMimeParser implements MimeParser {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a parser pool needs at least one worker, got ${size}`);
  }

  parse(raw: Uint8Array): Promise<ParsedEmail> {
    if (this.closed) return Promise.reject(new Error('the mail parser pool is closed'));
    const target = this.leastBusy();
    const id = this.nextId++;
    return new Promise<ParsedEmail>((resolve, reject) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, raw });
    });
  }

  /** Stops the workers; parses still running fail (their messages are retried by the queue). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) return this.spawn();
    return this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  }

  private spawn(): PoolWorker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { mailparser: MAILPARSER_PATH, options: PARSE_OPTIONS },
    });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (reply: Reply) => {
      const waiting = entry.pending.get(reply.id);
      if (!waiting) return;
      entry.pending.delete(reply.id);
      if (entry.pending.size === 0) worker.unref();
      if (reply.error !== undefined) waiting.reject(new MimeParseError(reply.error));
      else {
        try {
          waiting.resolve(parsedEmailFrom(reply.mail));
        } catch (error) {
          waiting.reject(new MimeParseError(error instanceof Error ? error.message : String(error)));
        }
      }
    });
    const fail = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index >= 0) this.workers.splice(index, 1);
      for (const waiting of entry.pending.values()) waiting.reject(new Error(`mail parser worker stopped: ${reason}`));
      entry.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    worker.unref();
    this.workers.push(entry);
    return entry;
  }
}

/** Workers when MAIL_PARSER_WORKERS is unset: one per core but the main thread's, at least 1, at most 4. */
export const defaultParserWorkers = (cores: number): number => Math.max(1, Math.min(4, cores - 1));
