/**
 * Where the local platform keeps raw MIME (messages the SMTP listener accepted, quarantined
 * messages): a FileBlobStore under DATA_DIR/blobs that fsyncs each file and its directory before a
 * put resolves, whichever BLOB_STORE holds the attachments. Azurite, the default blob store, keeps
 * its blob index in memory and saves it every 5 s, so a blob it acknowledged can vanish with a
 * SIGKILL (ADR 0012); a `250` must never rest on that. Reads fall back to the blob store, where
 * raw messages were kept before.
 */
import type { BlobMetadata, BlobStore, StoredBlob } from '../../../shared/ports/blob-store.js';
import { FileBlobStore } from './file-blob-store.js';

export class RawMailStore implements BlobStore {
  readonly #spool: FileBlobStore;

  constructor(
    root: string,
    private readonly earlier: BlobStore,
  ) {
    this.#spool = new FileBlobStore(root, true);
  }

  put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void> {
    return this.#spool.put(key, content, metadata);
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    return (await this.#spool.get(key)) ?? this.earlier.get(key);
  }
}
