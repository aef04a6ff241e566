/**
 * The local outbox: outbound mail as `.eml` files in DATA_DIR/outbox when no SMTP relay is set,
 * named after the Message-ID so writing the same mail again replaces it instead of doubling it.
 * `list` backs the dev-only `GET /api/dev/outbox`.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface OutboxItem {
  readonly file: string;
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly cc: string | null;
  readonly subject: string | null;
  readonly date: string | null;
  readonly size: number;
  readonly writtenAt: string;
  /** The whole message (headers and body) as written, up to 256 KB. */
  readonly raw: string;
}

const MAX_RAW = 256 * 1024;

const header = (head: string, name: string): string | null => {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? (match[1] as string).replace(/\r?\n[ \t]+/g, ' ').trim() : null;
};

export const outboxFileName = (messageId: string): string =>
  `${messageId.replace(/[^A-Za-z0-9._@+-]/g, '_').slice(0, 180)}.eml`;

export class FileOutbox {
  constructor(readonly folder: string) {}

  async write(messageId: string, raw: Uint8Array): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const file = outboxFileName(messageId);
    await writeFile(join(this.folder, file), raw);
    return file;
  }

  async list(limit: number): Promise<OutboxItem[]> {
    let files: string[];
    try {
      files = (await readdir(this.folder)).filter((f) => f.endsWith('.eml'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const withTimes = await Promise.all(
      files.map(async (file) => ({ file, info: await stat(join(this.folder, file)) })),
    );
    withTimes.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs || a.file.localeCompare(b.file));
    return Promise.all(
      withTimes.slice(0, limit).map(async ({ file, info }) => {
        const text = (await readFile(join(this.folder, file))).subarray(0, MAX_RAW).toString('utf8');
        const head = text.split(/\r?\n\r?\n/)[0] ?? '';
        return {
          file,
          messageId: header(head, 'Message-ID'),
          inReplyTo: header(head, 'In-Reply-To'),
          references: header(head, 'References'),
          from: header(head, 'From'),
          to: header(head, 'To'),
          cc: header(head, 'Cc'),
          subject: header(head, 'Subject'),
          date: header(head, 'Date'),
          size: info.size,
          writtenAt: info.mtime.toISOString(),
          raw: text,
        };
      }),
    );
  }
}
