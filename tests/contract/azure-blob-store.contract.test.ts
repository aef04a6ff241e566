/**
 * The Azure Blob adapter against Azurite (started here as a child process, in-memory): the same
 * round trip the file adapter gives, through the real @azure/storage-blob SDK.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAzureBlobStore } from '../../functions/adapters/mail/azure-blob-store.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

describe('AzureBlobStore (Azurite)', () => {
  let azurite: ChildProcess;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    azurite = spawn(
      join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob'),
      [
        '--blobHost',
        '127.0.0.1',
        '--blobPort',
        String(port),
        '--inMemoryPersistence',
        '--skipApiVersionCheck',
        '--disableTelemetry',
        '--silent',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Azurite did not start')), 20_000);
      azurite.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('successfully listens')) {
          clearTimeout(timer);
          resolve();
        }
      });
      azurite.once('exit', (code) => reject(new Error(`Azurite exited with ${code}`)));
    });
  }, 30_000);
  afterAll(() => {
    azurite?.kill();
  });

  it('round-trips content, content type and a non-ASCII file name, and misses unknown keys', async () => {
    const store = createAzureBlobStore({
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
      container: 'mail-test',
    });
    const content = new Uint8Array([0, 1, 2, 250, 10]);
    await store.put('attachments/att_1', content, {
      contentType: 'image/png',
      filename: 'Grüße.png',
      createdAt: '2026-11-26T09:00:00.000Z',
    });
    expect(await store.get('attachments/att_1')).toEqual({
      content,
      contentType: 'image/png',
      filename: 'Grüße.png',
      createdAt: '2026-11-26T09:00:00.000Z',
    });
    expect(await store.get('attachments/none')).toBeUndefined();
    await expect(store.put('../x', content, { contentType: 'x/y' })).rejects.toThrow(/Unsafe/);
  }, 30_000);
});
