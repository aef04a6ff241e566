/**
 * BlobStore on the local file system (the local default, under DATA_DIR/blobs): each blob is a
 * file plus a small `.meta.json`, written to a temporary name and renamed, so a reader never sees
 * half a blob and an acknowledged write survives a process crash.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type BlobMetadata, type BlobStore, isSafeBlobKey, type StoredBlob } from '../../../shared/ports/blob-store.js';

let counter = 0;

async function writeDurably(path: string, content: Uint8Array | string, fsync: boolean): Promise<void> {
  const temp = `${path}.${process.pid}.${++counter}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    if (fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

export class FileBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    /**
     * Flush each write to the disk before acknowledging it. Off by default, matching the SQLite
     * store and local queue (WAL, synchronous=NORMAL): a process crash loses nothing (the data is
     * in the OS page cache and the rename is atomic), a power cut may lose the latest writes.
     */
    private readonly fsync = false,
  ) {}

  private pathOf(key: string): string {
    if (!isSafeBlobKey(key)) throw new Error(`Unsafe blob key '${key}'`);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeDurably(`${path}.meta.json`, JSON.stringify(metadata), this.fsync);
    await writeDurably(path, content, this.fsync);
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    const path = this.pathOf(key);
    try {
      const [content, meta] = await Promise.all([readFile(path), readFile(`${path}.meta.json`, 'utf8')]);
      const metadata = JSON.parse(meta) as BlobMetadata;
      return { ...metadata, content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
