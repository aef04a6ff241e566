/**
 * `npm start` with BLOB_STORE=azurite (the local default): starts Azurite's blob service as a
 * child process storing under DATA_DIR/azurite, on AZURITE_BLOB_PORT (0 = a free port), and
 * returns the configuration pointing the Azure Blob adapter at it. The child exits with the host.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { azuriteConnectionString, type Config } from '../../functions/config/config.js';

export interface LaunchedAzurite {
  readonly config: Config;
  close(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export async function launchAzuriteIfNeeded(config: Config): Promise<LaunchedAzurite | undefined> {
  if (config.BLOB_STORE !== 'azurite') return undefined;
  const port = config.AZURITE_BLOB_PORT === 0 ? await freePort() : config.AZURITE_BLOB_PORT;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./azurite-child.cjs', import.meta.url)),
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      join(config.DATA_DIR, 'azurite'),
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--silent',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Azurite did not start on port ${port}: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('successfully listens')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    config: { ...config, AZURITE_BLOB_PORT: port, BLOB_CONNECTION_STRING: azuriteConnectionString(port) },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // Azurite closes its servers on SIGTERM; if it hangs, do not hang the host's shutdown with it.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
