/**
 * `npm run migrate -- --from zendesk|zammad|file ...`: moves tickets, customers and history in from another
 * helpdesk (issue 20, ADR 0029) with the same configuration as `npm start` (environment,
 * local.settings.json). Locally it takes the data folder, so it refuses to run beside a running
 * `npm start` (stop it, migrate, start again: the search index and reports take the imported
 * tickets in from the queue at the next start). Re-running is safe: nothing comes twice, and an
 * interrupted run resumes after the last finished page. `ZENDESK_PROVIDER=zendesk-sim` starts the
 * bundled Zendesk simulator (tests/simulators/zendesk, ZENDESK_SIM_TICKETS tickets) and imports from it.
 */
import { readFileSync } from 'node:fs';
import { GenericFileError, openGenericSource } from '../functions/adapters/migration/file-source.js';
import { ZammadSource } from '../functions/adapters/migration/zammad-source.js';
import { ZendeskSource } from '../functions/adapters/migration/zendesk-source.js';
import { compose } from '../functions/composition-root.js';
import { ConfigError, loadConfig } from '../functions/config/config.js';
import { MigrationMapping } from '../shared/migration/migration-mapping.js';
import { launchAzuriteIfNeeded } from './local/azurite-launcher.js';
import { acquireDataDirLock, DataDirInUseError } from './local/data-dir-lock.js';
import { readLocalSettings } from './local/local-settings.js';
import { formatReport, parseMigrateArgs, progressLine } from './migrate-cli.js';

const PROGRESS_EVERY_MS = 2_000;

/** The slice of the simulator module used here (a type import would pull tests/ into the build). */
interface SimulatorModule {
  startZendeskSimulator(options: { tickets: number }): Promise<{
    url: string;
    email: string;
    token: string;
    close(): Promise<void>;
  }>;
}

interface ZammadSimulatorModule {
  startZammadSimulator(options: { tickets: number }): Promise<{ url: string; token: string; close(): Promise<void> }>;
}

async function main(): Promise<void> {
  const provider = process.env.ZENDESK_PROVIDER ?? 'zendesk';
  if (provider !== 'zendesk' && provider !== 'zendesk-sim')
    throw new ConfigError([`ZENDESK_PROVIDER: expected zendesk or zendesk-sim, got ${provider}`]);
  let sim: { url: string; email: string; token: string; close(): Promise<void> } | undefined;
  const tickets = Number(process.env.ZENDESK_SIM_TICKETS ?? process.env.ZAMMAD_SIM_TICKETS ?? 2_000);
  if (provider === 'zendesk-sim') {
    const modulePath = '../tests/simulators/zendesk/zendesk-simulator.js';
    const { startZendeskSimulator } = (await import(modulePath)) as SimulatorModule;
    sim = await startZendeskSimulator({ tickets });
    console.log(`Zendesk simulator on ${sim.url}`);
  }
  if (process.env.ZAMMAD_PROVIDER === 'zammad-sim') {
    const modulePath = '../tests/simulators/zammad/zammad-simulator.js';
    const { startZammadSimulator } = (await import(modulePath)) as ZammadSimulatorModule;
    const zammad = await startZammadSimulator({ tickets });
    sim = { ...zammad, email: '' };
    console.log(`Zammad simulator on ${zammad.url}`);
  }
  try {
    const args = parseMigrateArgs(process.argv.slice(2), process.env, sim);
    if (!args.ok) throw new ConfigError([args.message]);
    const options = args.value;
    const mapping = MigrationMapping.parse(
      options.mapping ? JSON.parse(readFileSync(options.mapping, 'utf8')) : undefined,
    );
    if (!mapping.ok) throw new ConfigError([`${options.mapping}:`, ...mapping.issues]);
    const loaded = loadConfig(process.env, readLocalSettings());
    const owner = acquireDataDirLock(loaded.DATA_DIR);
    const azurite = await launchAzuriteIfNeeded(loaded);
    try {
      // The import reads the source and writes the store and blobs: no mailbox or CRM is reached.
      const config = { ...(azurite?.config ?? loaded), MAIL_PROVIDER: 'smtp', CRM_PROVIDER: 'none' } as const;
      const composition = await compose(config, { log: () => {} });
      try {
        const source =
          options.from === 'zendesk'
            ? new ZendeskSource({ url: options.url, email: options.email, token: options.token })
            : options.from === 'zammad'
              ? new ZammadSource({ url: options.url, token: options.token })
              : openGenericSource(options.path);
        const started = performance.now();
        let shown = started;
        const from = options.from === 'file' ? options.path : `${options.from} at ${options.url}`;
        console.log(`${options.dryRun ? 'Dry run from' : 'Importing from'} ${from} into ${config.STORE}...`);
        const report = await composition.services.migration.run(source, mapping.value, {
          dryRun: options.dryRun,
          concurrency: options.concurrency,
          onProgress: (p) => {
            const now = performance.now();
            if (now - shown < PROGRESS_EVERY_MS && p.phase === 'tickets') return;
            shown = now;
            console.log(progressLine(p));
          },
        });
        const seconds = (performance.now() - started) / 1000;
        console.log(
          formatReport(report, {
            seconds,
            rateLimitWaitMs: 'rateLimitWaitMs' in source ? source.rateLimitWaitMs : 0,
          }),
        );
        if (report.counts.tickets.rejected > 0) process.exitCode = 2;
      } finally {
        await composition.close();
      }
    } finally {
      await azurite?.close();
      owner.release();
    }
  } finally {
    await sim?.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataDirInUseError)
    console.error(`${error.message} Stop npm start first, migrate, then start it again.`);
  else if (error instanceof ConfigError || error instanceof GenericFileError) console.error(error.message);
  else
    console.error(
      `Migration stopped: ${error instanceof Error ? error.message : String(error)}\nRun the same command again: it resumes after the last finished page.`,
    );
  process.exitCode = 1;
});
