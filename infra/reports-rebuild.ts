/**
 * `npm run reports:rebuild`: empties the reporting read model and projects every ticket again
 * from the store (after a change of REPORTS_TIME_ZONE or of SLA calendars, or to check the model).
 * On SQLite the data folder must not be in use by `npm start` (its lock is taken first); on Cosmos
 * it can run beside the product: events handled meanwhile project their ticket's current state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { compose } from '../functions/composition-root.js';
import { ConfigError, loadConfig } from '../functions/config/config.js';
import { acquireDataDirLock } from './local/data-dir-lock.js';

const localSettings = (): Record<string, unknown> => {
  if (!existsSync('local.settings.json')) return {};
  return (JSON.parse(readFileSync('local.settings.json', 'utf8')) as { Values?: Record<string, unknown> }).Values ?? {};
};

async function main(): Promise<void> {
  const loaded = loadConfig(process.env, localSettings());
  const owner = loaded.STORE === 'sqlite' ? acquireDataDirLock(loaded.DATA_DIR) : undefined;
  // Only the store is needed: no Azurite, no mailbox subscriptions.
  const composition = await compose({ ...loaded, BLOB_STORE: 'file', MAIL_PROVIDER: 'smtp' });
  try {
    const started = Date.now();
    let last = 0;
    const result = await composition.services.reports.projector.rebuild((tickets) => {
      if (tickets - last >= 10_000) {
        last = tickets;
        console.log(`${tickets} tickets projected`);
      }
    });
    console.log(
      `reports rebuilt: ${result.tickets} tickets into ${result.buckets} buckets in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await composition.close();
    owner?.release();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
