/** BlobStore in memory: for tests and for services wired without a configured store. */
import { type BlobMetadata, type BlobStore, isSafeBlobKey, type StoredBlob } from '../../../shared/ports/blob-store.js';

export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, StoredBlob>();

  async put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void> {
    if (!isSafeBlobKey(key)) throw new Error(`Unsafe blob key '${key}'`);
    this.blobs.set(key, { ...metadata, content: new Uint8Array(content) });
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    return this.blobs.get(key);
  }
}
