/**
 * BlobStore on Azure Blob Storage (production; Azurite locally and in tests): block blobs in
 * one container, content type and file name as blob properties/metadata. Managed identity with
 * an account URL in Azure, or a connection string (Azurite).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import { type BlobMetadata, type BlobStore, isSafeBlobKey, type StoredBlob } from '../../../shared/ports/blob-store.js';

export interface AzureBlobSettings {
  readonly accountUrl?: string | undefined;
  readonly connectionString?: string | undefined;
  readonly container: string;
}

export class AzureBlobStore implements BlobStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly container: ContainerClient) {}

  private ensureContainer(): Promise<unknown> {
    this.ready ??= this.container.createIfNotExists().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async put(key: string, content: Uint8Array, metadata: BlobMetadata): Promise<void> {
    if (!isSafeBlobKey(key)) throw new Error(`Unsafe blob key '${key}'`);
    await this.ensureContainer();
    await this.container
      .getBlockBlobClient(key)
      .uploadData(Buffer.from(content.buffer, content.byteOffset, content.byteLength), {
        blobHTTPHeaders: { blobContentType: metadata.contentType },
        // Metadata values must be ASCII: the file name travels URI-encoded.
        metadata: {
          ...(metadata.filename ? { filename: encodeURIComponent(metadata.filename) } : {}),
          ...(metadata.createdAt ? { createdat: metadata.createdAt } : {}),
        },
      });
  }

  async get(key: string): Promise<StoredBlob | undefined> {
    if (!isSafeBlobKey(key)) throw new Error(`Unsafe blob key '${key}'`);
    try {
      const blob = this.container.getBlockBlobClient(key);
      const [content, properties] = await Promise.all([blob.downloadToBuffer(), blob.getProperties()]);
      const filename = properties.metadata?.filename;
      const createdAt = properties.metadata?.createdat;
      return {
        content: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
        contentType: properties.contentType ?? 'application/octet-stream',
        ...(filename ? { filename: decodeURIComponent(filename) } : {}),
        ...(createdAt ? { createdAt } : {}),
      };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }
}

export function createAzureBlobStore(settings: AzureBlobSettings): AzureBlobStore {
  const service = settings.connectionString
    ? BlobServiceClient.fromConnectionString(settings.connectionString)
    : new BlobServiceClient(settings.accountUrl as string, new DefaultAzureCredential());
  return new AzureBlobStore(service.getContainerClient(settings.container));
}
