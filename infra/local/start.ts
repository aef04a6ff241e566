/**
 * `npm start`: validates the configuration, opens (and migrates) the data folder, seeds the
 * demo organisation on first run, and serves everything on http://localhost:7071.
 * Only one process owns a data folder (DATA_DIR/owner.lock): a second one on the same folder stops
 * with one line. Ctrl-C stops cleanly; queue messages left unfinished by a stop or a crash are
 * redelivered as soon as the next run starts.
 */
import { ConfigError, loadConfig } from '../../functions/config/config.js';
import { launchAzuriteIfNeeded } from './azurite-launcher.js';
import { acquireDataDirLock, DataDirInUseError } from './data-dir-lock.js';
import { readLocalSettings } from './local-settings.js';

/**
 * The rest of the product, imported once the folder is ours: a second `npm start` stops at once,
 * and the ~2 s of module loading (through tsx) overlaps Azurite starting in its own process.
 */
async function loadProduct() {
  const [root, seedOrg, seed, changeSeed, scheduleSeed, cosmosSim, graphSim, platform, web, hubspotSim, searchSim] =
    await Promise.all([
      import('../../functions/composition-root.js'),
      import('../seed/demo-organisation.js'),
      import('../seed/seed-demo.js'),
      import('../seed/change-seed.js'),
      import('../seed/schedule-seed.js'),
      import('./cosmos-sim-launcher.js'),
      import('./graph-sim-launcher.js'),
      import('./local-platform.js'),
      import('./web-build.js'),
      import('./hubspot-sim-launcher.js'),
      import('./azure-search-sim-launcher.js'),
    ]);
  return {
    ...root,
    ...seedOrg,
    ...seed,
    ...changeSeed,
    ...scheduleSeed,
    ...cosmosSim,
    ...graphSim,
    ...platform,
    ...web,
    ...hubspotSim,
    ...searchSim,
  };
}

async function main(): Promise<void> {
  const loaded = loadConfig(process.env, readLocalSettings());
  // Before Azurite, SQLite or the SMTP port: the folder's owner may be in the middle of using them.
  const owner = acquireDataDirLock(loaded.DATA_DIR);
  const product = loadProduct();
  product.catch(() => {}); // awaited below; a failure is reported there, not as an unhandled rejection
  const azurite = await launchAzuriteIfNeeded(loaded);
  const {
    compose,
    DEMO_AGENTS,
    seedDemo,
    seedChanges,
    seedChangeSchedule,
    launchCosmosSimulatorIfNeeded,
    launchGraphSimulatorIfNeeded,
    launchHubSpotSimulatorIfNeeded,
    launchAzureSearchSimulatorIfNeeded,
    startLocalPlatform,
    ensureWebBuild,
    webBuildIsFresh,
  } = await product;
  const simulator = await launchGraphSimulatorIfNeeded(azurite?.config ?? loaded);
  const cosmosSim = await launchCosmosSimulatorIfNeeded(simulator?.config ?? azurite?.config ?? loaded);
  const before = cosmosSim?.config ?? simulator?.config ?? azurite?.config ?? loaded;
  const hubspotSim = await launchHubSpotSimulatorIfNeeded(before);
  const searchSim = await launchAzureSearchSimulatorIfNeeded(hubspotSim?.config ?? before);
  const pushSim = await (await import('./push-sim-launcher.js')).launchPushSimulatorIfNeeded(
    searchSim?.config ?? hubspotSim?.config ?? before,
  );
  const valuemationSim = await (await import('./valuemation-sim-launcher.js')).launchValuemationSimulatorIfNeeded(
    pushSim?.config ?? searchSim?.config ?? hubspotSim?.config ?? before,
  );
  const liveSim = await (await import('./web-pubsub-sim-launcher.js')).launchWebPubSubSimulatorIfNeeded(
    valuemationSim?.config ?? pushSim?.config ?? searchSim?.config ?? hubspotSim?.config ?? before,
  );
  const config =
    liveSim?.config ?? valuemationSim?.config ?? pushSim?.config ?? searchSim?.config ?? hubspotSim?.config ?? before;
  if (azurite)
    console.log(`Azurite blob service on 127.0.0.1:${config.AZURITE_BLOB_PORT} (data: ${config.DATA_DIR}/azurite)`);
  if (cosmosSim)
    console.log(`Cosmos DB simulator on ${config.COSMOS_ENDPOINT} (in memory: documents are gone after a restart)`);
  const composition = await compose(config);
  if (
    config.SEED_DEMO &&
    (await seedDemo(
      composition.services.directory,
      composition.services.tickets,
      composition.services.sla.config,
      composition.services.orchestra.rules,
      composition.services.customers.service,
      composition.services.productivity,
      composition.services.cmdb,
      composition.services.knownErrors,
    ))
  ) {
    await seedChanges(composition.services, new Date());
    await seedChangeSchedule(composition.services, new Date());
    console.log('Seeded the demo organisation.');
  }
  if (!webBuildIsFresh()) console.log('Building the web app (web/build)...');
  await ensureWebBuild();
  const platform = await startLocalPlatform(composition, { port: config.PORT, host: config.HOST, owner });
  console.log(
    `ITIL-NEXT listening on ${platform.url} (store: ${config.STORE}, queue: ${config.QUEUE}, data: ${config.DATA_DIR})`,
  );
  if (platform.smtpPort !== null)
    console.log(`SMTP for ${config.SUPPORT_ADDRESS} on ${config.HOST}:${platform.smtpPort} (npm run mail -- --help)`);
  if (config.AUTH_MODE === 'dev') {
    console.log('Dev sign-in (Authorization: Dev <email>):');
    for (const agent of DEMO_AGENTS) console.log(`  ${agent.email.padEnd(20)} ${agent.roles.join(', ')}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    await platform.stop();
    await composition.close();
    await simulator?.close();
    await cosmosSim?.close();
    await hubspotSim?.close();
    await searchSim?.close();
    await pushSim?.close();
    await valuemationSim?.close();
    await liveSim?.close();
    await azurite?.close();
    owner.release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : error);
  process.exit(1);
});
