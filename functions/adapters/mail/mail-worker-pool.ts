/**
 * MimeParser and HtmlSanitizer that run in worker threads (mail-worker.ts): parsing MIME and
 * sanitizing HTML are most of what ingesting a mail costs, and off the main thread they run
 * beside storing, threading and answering HTTP instead of before them. Workers start on first
 * use, take tasks least busy first, keep the process alive only while they have work, and are
 * replaced when one dies: its tasks fail with a plain Error, which the queue retries. Bytes
 * mailparser cannot read fail with MimeParseError, which ingestion quarantines, as on the main
 * thread.
 *
 * From the TypeScript sources (npm start, tests) a worker first registers tsx, the loader the
 * main thread runs under; the built app (dist) starts the compiled mail-worker.js directly.
 */
import { Worker } from 'node:worker_threads';
import { MimeParseError, type MimeParser, type ParsedEmail } from '../../../shared/mail/parsed-email.js';
import type { HtmlSanitizer } from '../../../shared/ports/html-sanitizer.js';
import type { MailTask, MailTaskReply } from './mail-worker.js';

const WORKER_MODULE = JSON.stringify(new URL('./mail-worker.js', import.meta.url).href);
const BOOT = import.meta.url.endsWith('.ts')
  ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${WORKER_MODULE}); });`
  : `import(${WORKER_MODULE});`;

type Task = MailTask extends infer T ? (T extends MailTask ? Omit<T, 'id'> : never) : never;

interface Pending {
  resolve(value: ParsedEmail | string): void;
  reject(error: Error): void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

export class MailWorkerPool implements MimeParser, HtmlSanitizer {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private closed = false;

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`a mail worker pool needs at least one worker, got ${size}`);
  }

  async parse(raw: Uint8Array): Promise<ParsedEmail> {
    return (await this.run({ kind: 'parse', raw })) as ParsedEmail;
  }

  async sanitize(html: string, inlineContentIds: ReadonlySet<string>): Promise<string> {
    return (await this.run({ kind: 'sanitize', html, inlineIds: [...inlineContentIds] })) as string;
  }

  async toText(html: string): Promise<string> {
    return (await this.run({ kind: 'text', html })) as string;
  }

  /** Stops the workers; tasks still running fail (their messages are retried by the queue). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  private run(task: Task): Promise<ParsedEmail | string> {
    if (this.closed) return Promise.reject(new Error('the mail worker pool is closed'));
    const target = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ ...task, id } satisfies MailTask);
    });
  }

  private leastBusy(): PoolWorker {
    if (this.workers.length < this.size && this.workers.every((w) => w.pending.size > 0)) return this.spawn();
    return this.workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
  }

  private spawn(): PoolWorker {
    const worker = new Worker(BOOT, { eval: true });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (reply: MailTaskReply) => {
      const waiting = entry.pending.get(reply.id);
      if (!waiting) return;
      entry.pending.delete(reply.id);
      if (entry.pending.size === 0) worker.unref();
      if ('value' in reply) waiting.resolve(reply.value);
      else waiting.reject(reply.unparsable ? new MimeParseError(reply.error) : new Error(reply.error));
    });
    const fail = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index >= 0) this.workers.splice(index, 1);
      for (const waiting of entry.pending.values()) waiting.reject(new Error(`mail worker stopped: ${reason}`));
      entry.pending.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    worker.unref();
    this.workers.push(entry);
    return entry;
  }
}

/** Workers when MAIL_WORKERS is unset: one per core but the main thread's, at least 1, at most 4. */
export const defaultMailWorkers = (cores: number): number => Math.max(1, Math.min(4, cores - 1));
