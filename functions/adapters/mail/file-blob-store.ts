/**
 * BlobStore on the local file system (the local default, under DATA_DIR/blobs). Each blob is one
 * file: a JSON metadata line, then the bytes. It is written to a temporary name and renamed, so
 * a reader never sees half a blob. Writes go through libuv's thread pool so creating files (the
 * slow part on this disk) overlaps with request work; they are not fsync'ed by default, matching the SQLite store and
 * local queue (WAL, synchronous=NORMAL): a process crash loses nothing, a power cut may lose the
 * latest writes.
 */
import { readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BlobMetadata, type BlobStore, isSafeBlobKey, type StoredBlob } from '../../../shared/ports/blob-store.js';

let counter = 0;

export class FileBlobStore implements BlobStore {
  private readonly folders = new Set<string>();

  constructor(
    private readonly root: string,
    /** Flush each write to the disk before acknowledging it (survives a power cut; slower). */
    private readonly fsync = false,
  ) {}

  private pathOf(key: string): string {
    if (!isSafeBlobKey(key)) throw new Error(`Unsafe blob key '${key}'`);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void> {
    const path = this.pathOf(key);
    const folder = dirname(path);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const temp = `${path}.${process.pid}.${++counter}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writev([Buffer.from(`${JSON.stringify(metadata)}\n`), content]);
      if (this.fsync) await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    let file: Buffer;
    try {
      file = readFileSync(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const newline = file.indexOf(10);
    const metadata = JSON.parse(file.subarray(0, newline).toString('utf8')) as BlobMetadata;
    const content = file.subarray(newline + 1);
    return { ...metadata, content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) };
  }
}
