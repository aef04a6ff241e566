/**
 * `npm run search:rebuild`: empties the full-text index and writes every ticket again from the
 * store (ADR 0018), with the same configuration as `npm start` (environment, local.settings.json).
 * Locally it takes the data folder, so it refuses to run beside a running `npm start` (which
 * keeps the index in step by itself; stop it first). Against Azure (STORE=cosmos,
 * SEARCH_PROVIDER=azure-search) it rebuilds the Azure AI Search index while the product runs:
 * searches find fewer tickets until it ends, and events handled meanwhile index their ticket too.
 * A rebuild cut off half-way is taken up again by the next start.
 */
import { compose } from '../functions/composition-root.js';
import { ConfigError, loadConfig } from '../functions/config/config.js';
import { acquireDataDirLock, DataDirInUseError } from './local/data-dir-lock.js';
import { readLocalSettings } from './local/local-settings.js';

const PROGRESS_EVERY_MS = 2_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env, readLocalSettings());
  if (config.SEARCH_PROVIDER === 'azure-search-sim' || config.STORE === 'cosmos-sim')
    throw new ConfigError([
      'search:rebuild: the simulators live inside `npm start`, which rebuilds their in-memory index at every start',
    ]);
  const owner = acquireDataDirLock(config.DATA_DIR);
  try {
    // The rebuild reads tickets and writes the index: no mailbox, CRM or blob store is reached.
    const offline = {
      ...config,
      MAIL_PROVIDER: 'smtp',
      CRM_PROVIDER: 'none',
      HUBSPOT_PROVIDER: undefined,
      BLOB_STORE: 'file',
    } as const;
    const composition = await compose(offline, { log: (line) => console.log(line) });
    try {
      const started = performance.now();
      let shown = started;
      console.log(`Rebuilding the ${config.SEARCH_PROVIDER} index from the ${config.STORE} store...`);
      const { indexed } = await composition.services.search.rebuild.run((n) => {
        const now = performance.now();
        if (now - shown < PROGRESS_EVERY_MS) return;
        shown = now;
        console.log(`  ${n} tickets (${Math.round(n / ((now - started) / 1000))}/s)`);
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(`Search index rebuilt: ${indexed} tickets in ${seconds.toFixed(1)} s.`);
    } finally {
      await composition.close();
    }
  } finally {
    owner.release();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirInUseError)
    console.error(
      `${error.message} A running npm start keeps the index in step; to rebuild, stop it and run this again.`,
    );
  else console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
});
