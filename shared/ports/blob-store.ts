/**
 * BlobStore: binary content that does not belong in documents (attachments, raw MIME of
 * inbound and quarantined messages). Adapters: the local file system and Azure Blob Storage.
 */
export interface BlobMetadata {
  readonly contentType: string;
  /** Original file name, for Content-Disposition when served. */
  readonly filename?: string;
  /** When the content was received or made (ISO instant). */
  readonly createdAt?: string;
}

export interface StoredBlob extends BlobMetadata {
  readonly content: Uint8Array;
}

export interface BlobStore {
  /** Writes (or overwrites) the blob; resolves once it is durable. Keys use `[A-Za-z0-9._/-]`. */
  put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void>;
  get(key: string): Promise<StoredBlob | undefined>;
}

/** Keys are path-like but never climb out of their root. */
export const isSafeBlobKey = (key: string): boolean =>
  /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(key) && !key.split('/').some((part) => part === '.' || part === '..');
