/**
 * The one composition root (STYLE.md #8): reads the validated configuration, builds each client
 * once, picks the adapters (SQLite or Cosmos, local queue or Service Bus) and wires the use cases.
 * Nothing else in the code base decides which platform it runs on.
 */

import { join } from 'node:path';
import type { Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { ApprovalSettingsRepository } from '../shared/changes/approval-settings.js';
import { ApproverLookup } from '../shared/changes/approver-lookup.js';
import { CabMeetings } from '../shared/changes/cab-meetings.js';
import { ChangeInsights } from '../shared/changes/change-insights.js';
import { ChangeRepository } from '../shared/changes/change-repository.js';
import { ChangeScheduleRepository } from '../shared/changes/change-schedule-repository.js';
import { ChangeScheduling } from '../shared/changes/change-scheduling.js';
import { ChangeTemplates } from '../shared/changes/change-templates.js';
import { ticketSide } from '../shared/changes/change-ticket-side.js';
import { ChangeUseCases } from '../shared/changes/change-use-cases.js';
import { ChangeWindowAdmin } from '../shared/changes/change-window-admin.js';
import { classRegistry } from '../shared/cmdb/ci-classes.js';
import { CiSuggester } from '../shared/cmdb/ci-suggestions.js';
import { CiTickets } from '../shared/cmdb/ci-tickets.js';
import { CmdbImport } from '../shared/cmdb/cmdb-import.js';
import { CmdbRepository } from '../shared/cmdb/cmdb-repository.js';
import { CmdbSync, type CmdbSyncSettings } from '../shared/cmdb/cmdb-sync.js';
import { CmdbUseCases } from '../shared/cmdb/cmdb-use-cases.js';
import { DirectoryAdmin } from '../shared/directory/directory-admin.js';
import { DirectoryRepository } from '../shared/directory/directory-repository.js';
import { EventDispatcher, type EventSubscriber } from '../shared/events/event-dispatcher.js';
import { OutboxRelay } from '../shared/events/outbox-relay.js';
import { KNOWN_ERROR_SEARCH_SCHEMA } from '../shared/known-errors/known-error-search.js';
import { liveUpdatesSubscriber } from '../shared/live/live-updates.js';
import { PresenceService } from '../shared/live/presence-service.js';
import type { EmailActionHandler } from '../shared/mail/expert/email-actions.js';
import { mailKey } from '../shared/mail/mail-keys.js';
import { MailRecords } from '../shared/mail/mail-records.js';
import { MailboxModes } from '../shared/mail/mailbox-modes.js';
import { ShadowModeAlertMailer } from '../shared/mail/shadow-mode-mailer.js';
import { MigrationJobs } from '../shared/migration/migration-jobs.js';
import { MigrationRun } from '../shared/migration/migration-run.js';
import { applyDataMigrations } from '../shared/migrations/data-migrations.js';
import type { AlertMailer } from '../shared/notifications/email-digest.js';
import { MailboxAlertMailer, MemoryAlertMailer } from '../shared/notifications/mailbox-alert-mailer.js';
import { orchestraServices } from '../shared/orchestra/orchestra-services.js';
import type { Clock } from '../shared/ports/clock.js';
import type { CmdbSource } from '../shared/ports/cmdb-source.js';
import type { Crm } from '../shared/ports/crm.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { DeadLetterQueue, MessageBus } from '../shared/ports/message-bus.js';
import type { PushSender } from '../shared/ports/push-sender.js';
import type { SearchIndex } from '../shared/ports/search-index.js';
import { StoreClusteringSource } from '../shared/problems/clustering-source.js';
import { DEFAULT_CLUSTERING } from '../shared/problems/incident-clustering.js';
import { ProblemIncidentSide } from '../shared/problems/problem-incident-side.js';
import { ProblemRepository } from '../shared/problems/problem-repository.js';
import { changeSide } from '../shared/problems/problem-sides.js';
import { ProblemSuggestions } from '../shared/problems/problem-suggestions.js';
import { ProblemUseCases } from '../shared/problems/problem-use-cases.js';
import { cmdbCiFacts } from '../shared/rules/rule-ci-facts.js';
import { SearchRebuild } from '../shared/search/search-rebuild.js';
import { TicketSearch } from '../shared/search/ticket-search.js';
import { TICKET_SEARCH_SCHEMA } from '../shared/search/ticket-search-document.js';
import { TicketSearchIndexer } from '../shared/search/ticket-search-indexer.js';
import { SlaConfigRepository } from '../shared/sla-engine/sla-config-repository.js';
import { SlaReader } from '../shared/sla-engine/sla-reader.js';
import { slaServices } from '../shared/sla-engine/sla-services.js';
import { TicketRepository } from '../shared/tickets/ticket-repository.js';
import { TicketCommands } from '../shared/use-cases/ticket-commands.js';
import { TicketQueries } from '../shared/use-cases/ticket-queries.js';
import { TicketUseCases } from '../shared/use-cases/ticket-use-cases.js';
import { WorkItemNumberAllocator } from '../shared/work-items/work-item-numbers.js';
import { cmdbSourcesFromConfig, syncSettingsFromConfig } from './adapters/cmdb/cmdb-sources.js';
import { createCosmosClient } from './adapters/cosmos/cosmos-client.js';
import { CosmosDocumentStore } from './adapters/cosmos/cosmos-document-store.js';
import { checkCosmosContainers } from './adapters/cosmos/cosmos-setup.js';
import { graphSettingsFromConfig } from './adapters/graph/graph-config.js';
import { createGraphServices, type GraphServices, type GraphSettings } from './adapters/graph/graph-services.js';
import { DateHolidaysSource } from './adapters/holidays/date-holidays-source.js';
import { HubSpotCrm } from './adapters/hubspot/hubspot-crm.js';
import { hubSpotSettingsFromConfig } from './adapters/hubspot/hubspot-settings.js';
import { HubSpotWebhooks } from './adapters/hubspot/hubspot-webhooks.js';
import { type LiveAdapters, liveAdapters } from './adapters/live/live-channel-factory.js';
import type { LocalLiveHub } from './adapters/live/local-live-hub.js';
import { LocalQueue } from './adapters/local-queue/local-queue.js';
import { createMailAdapters, memoryMailAdapters } from './adapters/mail/mail-adapters.js';
import { sourceOpener } from './adapters/migration/source-opener.js';
import { pushSender } from './adapters/push/push-sender-factory.js';
import { openSearchIndex } from './adapters/search/search-index-factory.js';
import { SqliteFtsIndex } from './adapters/search/sqlite-fts-index.js';
import { createServiceBusMessageBus } from './adapters/service-bus/service-bus-message-bus.js';
import { openSqliteDatabase } from './adapters/sqlite/sqlite-database.js';
import { SqliteDocumentStore } from './adapters/sqlite/sqlite-document-store.js';
import { systemClock } from './adapters/system/system-clock.js';
import { UlidIds } from './adapters/system/ulid-ids.js';
import { changeSubscribers, wireChangeApprovals } from './change-approval-services.js';
import { type Config, ConfigError, crmProviderOf, isUnresolvedKeyVaultReference } from './config/config.js';
import { type CustomerSettings, DEFAULT_CUSTOMER_SETTINGS, wireCustomers } from './customer-services.js';
import { Authenticator } from './http/kit/auth.js';
import { azureAuthOptions } from './http/kit/entra-auth.js';
import { wireKnownErrors } from './known-error-services.js';
import { type MailAdapters, wireMail } from './mail-services.js';
import { wireProductivity } from './productivity-services.js';
import { wireReports } from './report-services.js';
import type { Services } from './services.js';

export const VERSION = '0.1.0';

export interface Composition {
  readonly config: Config;
  readonly services: Services;
  readonly store: DocumentStore;
  /** Present when QUEUE=local: the local platform feeds queue triggers from it. */
  readonly localQueue: LocalQueue | undefined;
  /** Present when LIVE_PROVIDER=local: the local host serves its event stream. */
  readonly liveHub: LocalLiveHub | undefined;
  close(): Promise<void>;
}

export interface CompositionOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly subscribers?: readonly EventSubscriber[];
  readonly log?: (line: string) => void;
  /** STORE=cosmos: told the request units of every successful Cosmos DB call (benchmarks). */
  readonly cosmosRequestCharge?: (requestUnits: number) => void;
  /** MAIL_PROVIDER=graph|graph-sim: settings over the configured ones (tests: fast retries, small delta pages). */
  readonly graph?: Partial<GraphSettings>;
  /** A CRM adapter instead of the configured one (tests: a fake or a wrapped HubSpot adapter). */
  readonly crm?: Crm;
  /** Email action handlers (tests plug in a test action; change management will plug in approvals). */
  readonly emailActionHandlers?: readonly EmailActionHandler[];
  /** CMDB sources instead of the configured ones (tests: a Valuemation adapter with fast retries). */
  readonly cmdbSources?: readonly CmdbSource[];
}

/** CRM_PROVIDER=hubspot|hubspot-sim: the HubSpot adapter and the customer settings from the configuration. */
function crmPorts(
  config: Config,
  override: Crm | undefined,
  log: (line: string) => void,
): Pick<Ports, 'crm' | 'customerSettings'> {
  const provider = crmProviderOf(config);
  const customerSettings: CustomerSettings = {
    waitMs: config.HUBSPOT_WAIT_MS,
    maxWaiting: config.HUBSPOT_MAX_WAITING,
    ttlMs: config.HUBSPOT_CACHE_TTL_MINUTES * 60_000,
    writeBack: config.HUBSPOT_WRITE_BACK,
    ticketUrl: (id) =>
      `${config.WEBSITE_HOSTNAME ? `https://${config.WEBSITE_HOSTNAME}` : `http://${config.HOST}:${config.PORT}`}/tickets/${id}`,
  };
  if (override) return { crm: override, customerSettings };
  if (provider === 'none') return { crm: null, customerSettings };
  if (provider === 'hubspot-sim' && config.HUBSPOT_BASE_URL.startsWith('https://api.hubapi.com'))
    throw new ConfigError([
      'CRM_PROVIDER: hubspot-sim is started by `npm start` (infra/local); elsewhere set HUBSPOT_BASE_URL',
    ]);
  const hubspot = new HubSpotCrm(hubSpotSettingsFromConfig(config));
  // Token and scopes are checked once in the background; the admin page shows the outcome.
  void hubspot.checkToken().catch((error: unknown) => log(`hubspot: token check failed: ${String(error)}`));
  return { crm: hubspot, customerSettings };
}

/**
 * Start-up on Cosmos DB: every container must exist (a missing one is named, with the command
 * that creates it); a container whose composite indexes differ from CONTAINERS only warns, since
 * the product runs while Cosmos rebuilds an index and `cosmos:setup` replaces the policy.
 */
async function checkContainers(database: Database, config: Config, log: (line: string) => void): Promise<void> {
  const where = `database "${config.COSMOS_DATABASE}" at ${config.COSMOS_ENDPOINT}`;
  const check = await checkCosmosContainers(database).catch((error: unknown) => {
    throw new ConfigError([`COSMOS_ENDPOINT: cannot read ${where}: ${(error as Error).message}`]);
  });
  if (check.missing.length > 0)
    throw new ConfigError([
      `STORE=cosmos: ${where} has no container ${check.missing.join(', ')}; run \`npm run cosmos:setup\` with the same COSMOS_ENDPOINT and COSMOS_DATABASE`,
    ]);
  if (check.stalePolicies.length > 0)
    log(
      `warning: the indexing policy of ${check.stalePolicies.join(', ')} in ${where} differs from shared/storage/containers.ts; run \`npm run cosmos:setup\``,
    );
}

export async function compose(config: Config, overrides: CompositionOverrides = {}): Promise<Composition> {
  const clock = overrides.clock ?? systemClock;
  const ids = overrides.ids ?? new UlidIds();
  const log = overrides.log ?? ((line: string) => console.error(line));
  const closers: (() => unknown)[] = [];

  let store: DocumentStore;
  if (config.STORE === 'cosmos-sim')
    throw new ConfigError(['STORE: cosmos-sim is started by `npm start` (infra/local); compose needs STORE=cosmos']);
  if (config.STORE === 'cosmos') {
    const client = createCosmosClient({ endpoint: config.COSMOS_ENDPOINT as string, key: config.COSMOS_KEY });
    closers.push(() => client.dispose());
    const database = client.database(config.COSMOS_DATABASE);
    await checkContainers(database, config, log).catch((error: unknown) => {
      client.dispose();
      throw error;
    });
    store = new CosmosDocumentStore(database, overrides.cosmosRequestCharge);
  } else {
    const db = openSqliteDatabase(join(config.DATA_DIR, 'itil-next.db'));
    closers.push(() => db.close());
    store = new SqliteDocumentStore(db);
  }

  let bus: MessageBus & DeadLetterQueue;
  let localQueue: LocalQueue | undefined;
  if (config.QUEUE === 'servicebus') {
    const serviceBus = createServiceBusMessageBus(config.SERVICEBUS_NAMESPACE as string, new DefaultAzureCredential());
    closers.push(() => serviceBus.close());
    bus = serviceBus;
  } else {
    // inbound-mail publishes are what an SMTP `250` and a webhook `202` promise: flushed to disk (ADR 0012).
    localQueue = new LocalQueue(join(config.DATA_DIR, 'queue.db'), {
      maxDeliveries: config.QUEUE_MAX_DELIVERIES,
      flushQueues: ['inbound-mail'],
    });
    const queue = localQueue;
    closers.push(() => queue.close());
    bus = localQueue;
  }

  let graph: GraphServices | undefined;
  if (config.MAIL_PROVIDER === 'graph' || config.MAIL_PROVIDER === 'graph-sim') {
    graph = createGraphServices({ ...graphSettingsFromConfig(config), ...overrides.graph }, { store, bus, clock, log });
    const notifications = graph.notifications;
    closers.push(() => notifications.settled()); // closers run in reverse: lifecycle follow-ups finish before the store closes
  }

  const mail = mailPorts(config, graph);
  closers.push(() => mail.mail.parser.close?.());
  const crm = crmPorts(config, overrides.crm, log);
  const search = await openSearchIndex(config, TICKET_SEARCH_SCHEMA);
  closers.push(() => search.close?.());
  // Known errors: a second index on the same port (search.db's own tables; in Azure its own index).
  const knownErrorSearch = await openSearchIndex(
    config,
    KNOWN_ERROR_SEARCH_SCHEMA,
    `${config.AZURE_SEARCH_INDEX}-known-errors`,
  );
  closers.push(() => knownErrorSearch.close?.());
  const cmdbSources = overrides.cmdbSources ?? cmdbSourcesFromConfig(config, classRegistry());
  const live = liveAdapters(config);
  const services: Services = {
    ...wireServices(
      {
        store,
        bus,
        clock,
        ids,
        log,
        search,
        knownErrorSearch,
        push: pushSender(config),
        live,
        ...mail,
        ...crm,
        cmdbSources,
        cmdbSyncSettings: syncSettingsFromConfig(config),
      },
      config,
      overrides.subscribers ?? [],
      overrides.emailActionHandlers ?? [],
    ),
    ...(graph ? { graph } : {}),
    ...(localQueue ? { queueMonitor: localQueue } : {}),
  };
  const cache = services.customers.cache;
  const withHooks: Services = cache
    ? {
        ...services,
        hubspotWebhooks: new HubSpotWebhooks({
          // Without the secret (unset, or its Key Vault secret not created) webhooks are refused.
          secret:
            config.HUBSPOT_CLIENT_SECRET && !isUnresolvedKeyVaultReference(config.HUBSPOT_CLIENT_SECRET)
              ? config.HUBSPOT_CLIENT_SECRET
              : null,
          publicUrl: config.HUBSPOT_WEBHOOK_URL ?? null,
          cache,
          now: () => clock.now().getTime(),
        }),
      }
    : services;
  // Stored documents in an older shape are brought forward once (shared/migrations/).
  const migrated = await applyDataMigrations({
    store,
    clock,
    route: (ticketId, by) => withHooks.orchestra.routing.route({ ticketId, by }),
  });
  // Said once, and only when stored data really changed shape (a new data folder stays quiet).
  for (const m of migrated.filter((r) => r.result.changed))
    log(`data migration ${m.version} (${m.name}): ${JSON.stringify(m.result)}`);
  // A data folder from before search, a lost search.db or a rebuild cut off: rebuilt in the background.
  const rebuilding = services.search.rebuild.startIfNeeded(log);
  closers.push(() => rebuilding.stop());
  void services.knownErrorIndex
    .rebuildIfEmpty()
    .then((n) => n > 0 && log(`known-error index rebuilt: ${n} published known errors`))
    .catch((error: unknown) => log(`known-error index rebuild failed: ${String(error)}`));
  return {
    config,
    services: withHooks,
    store,
    localQueue,
    liveHub: live.localHub,
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}

/** The mail adapters, and the alert mailer that sends automatic mail (digests, acknowledgements) through them. */
function mailPorts(
  config: Config,
  graph: GraphServices | undefined,
): Pick<Ports, 'alertMailer' | 'ownAddresses'> & { mail: MailAdapters } {
  const mail = createMailAdapters(config, { graphMailbox: graph?.mailbox });
  const domain = config.SUPPORT_ADDRESS.slice(config.SUPPORT_ADDRESS.lastIndexOf('@') + 1);
  const from = { address: config.SUPPORT_ADDRESS, name: config.SUPPORT_NAME };
  const alertMailer = new MailboxAlertMailer(mail.send, from, (key) => `itn-alert.${mailKey(key)}@${domain}`);
  return { mail, alertMailer, ownAddresses: [config.SUPPORT_ADDRESS.toLowerCase()] };
}

export interface Ports {
  readonly store: DocumentStore;
  readonly bus: MessageBus & DeadLetterQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly log: (line: string) => void;
  /** Where alert emails and auto-acknowledgements go (the mail channel); default: kept in memory and logged. */
  readonly alertMailer?: AlertMailer;
  /** The email channel's adapters; in-memory ones (no mailbox) when absent. */
  readonly mail?: MailAdapters;
  /** Our own support addresses (never auto-acknowledged to). */
  readonly ownAddresses?: readonly string[];
  /** The CRM enriching the customer directory (null or absent: the built-in directory alone). */
  readonly crm?: Crm | null;
  readonly customerSettings?: CustomerSettings;
  /** The full-text index of tickets; default: SQLite FTS5 in memory. */
  readonly search?: SearchIndex;
  /** The full-text index of published known errors; default: SQLite FTS5 in memory. */
  readonly knownErrorSearch?: SearchIndex;
  /** Where CIs are synced from (Valuemation, a folder of exports); default none. */
  readonly cmdbSources?: readonly CmdbSource[];
  readonly cmdbSyncSettings?: CmdbSyncSettings;
  /** Web push to agents' browsers; default: none. */
  readonly push?: PushSender;
  /** Live updates and presence; default: off. */
  readonly live?: LiveAdapters;
}

/** Wires use cases and edge services over whichever adapters were chosen (tests pass fakes). */
export function wireServices(
  {
    store,
    bus,
    clock,
    ids,
    log,
    alertMailer,
    ownAddresses,
    mail,
    crm,
    customerSettings,
    search,
    knownErrorSearch,
    push,
    live,
    cmdbSources,
    cmdbSyncSettings,
  }: Ports,
  config: Pick<Config, 'AUTH_MODE' | 'STORE' | 'QUEUE'> &
    Partial<Pick<Config, 'AZURE_SWA_HOSTNAME' | 'AZURE_TENANT_ID' | 'AZURE_API_AUDIENCE'>> &
    Partial<
      Pick<
        Config,
        | 'SUPPORT_ADDRESS'
        | 'SUPPORT_NAME'
        | 'REOPEN_WITHIN_DAYS'
        | 'SMTP_LISTENER_AUTHENTICATES'
        | 'SMTP_TRUSTED_RELAYS'
        | 'PUSH_PROVIDER'
        | 'REPORTS_TIME_ZONE'
        | 'PROBLEM_CLUSTER_WINDOW_DAYS'
        | 'PROBLEM_CLUSTER_MIN_INCIDENTS'
        | 'PROBLEM_CLUSTER_MIN_SIMILARITY'
      >
    >,
  subscribers: readonly EventSubscriber[] = [],
  emailActionHandlers: readonly EmailActionHandler[] = [],
): Services {
  const tickets = new TicketRepository(store);
  const directory = new DirectoryRepository(store);
  const relay = new OutboxRelay(store, bus);
  const slaConfig = new SlaConfigRepository(store, clock);
  const commands = new TicketCommands(
    tickets,
    relay,
    clock,
    ids,
    (error) => log(`outbox relay deferred: ${String(error)}`),
    slaConfig,
  );
  const numbers = new WorkItemNumberAllocator(store);
  const customers = wireCustomers(
    { store, clock, ids, agents: directory, tickets, commands, log },
    crm ?? null,
    customerSettings ?? DEFAULT_CUSTOMER_SETTINGS,
  );
  const cmdbRepo = new CmdbRepository(store);
  const ciSuggester = new CiSuggester(cmdbRepo, (error) => log(`suggested CIs skipped: ${String(error)}`));
  const queries = new TicketQueries(store, tickets, new SlaReader(slaConfig, clock));
  const approvalSettings = new ApprovalSettingsRepository(store);
  const changeRepo = new ChangeRepository(store);
  const changeTickets = ticketSide((ref) => queries.resolveId(ref), tickets, commands);
  const changes = new ChangeUseCases(
    changeRepo,
    numbers,
    directory,
    clock,
    ids,
    relay,
    changeTickets,
    (error) => log(`outbox relay deferred: ${String(error)}`),
    new ApproverLookup(directory, cmdbRepo, approvalSettings),
  );
  const changeApprovals = wireChangeApprovals({ store, clock, directory, changes, settings: approvalSettings });
  const mailAdapters = mail ?? memoryMailAdapters();
  const mailServices = wireMail(
    mailAdapters,
    {
      supportAddress: config.SUPPORT_ADDRESS ?? 'support@demo.local',
      supportName: config.SUPPORT_NAME ?? 'ITIL-NEXT Support',
      reopenWithinDays: config.REOPEN_WITHIN_DAYS ?? 14,
      smtpTrust: {
        listenerAuthenticates: config.SMTP_LISTENER_AUTHENTICATES ?? true,
        trustedRelays: (config.SMTP_TRUSTED_RELAYS ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== ''),
      },
      // Change approvals answer by reply (ADR 0030), beside whatever a test plugs in.
      emailActionHandlers: [changeApprovals.emailHandler, ...emailActionHandlers],
    },
    {
      store,
      bus,
      clock,
      ids,
      tickets,
      commands,
      numbers,
      customers: customers.context,
      suggestCis: (mail) => ciSuggester.forMail(mail),
    },
  );
  // Automatic mail to customers is held while their ticket's mailbox is in shadow mode (ADR 0036).
  const mailer = new ShadowModeAlertMailer(
    alertMailer ?? loggingAlertMailer(log),
    new MailboxModes(store, clock),
    clock,
    store,
    config.SUPPORT_ADDRESS ?? 'support@demo.local',
  );
  const orchestra = orchestraServices({
    store,
    tickets,
    commands,
    directory,
    clock,
    ids,
    mailer,
    ownAddresses: ownAddresses ?? [],
    log,
    ...(push ? { push } : {}),
    pushPrivateEndpoints: config.PUSH_PROVIDER === 'push-sim',
    calendar: async () => {
      const { calendars } = await slaConfig.current();
      return calendars.get('default') ?? calendars.values().next().value ?? null;
    },
    calendarById: async (id) => (await slaConfig.current()).calendars.get(id),
    ciFacts: cmdbCiFacts(cmdbRepo),
  });
  const ticketUseCases = new TicketUseCases(commands, numbers, directory, clock, ids, customers.context);
  const productivity = wireProductivity({
    store,
    bus,
    clock,
    ids,
    directory,
    tickets,
    commands,
    useCases: ticketUseCases,
    mailer,
    ownAddresses: ownAddresses ?? [],
  });
  const liveChannel = live ?? liveAdapters({ LIVE_PROVIDER: 'off', WEB_PUBSUB_HUB: 'itilnext' });
  const presence = new PresenceService({
    store,
    clock,
    live: liveChannel.channel,
    ticketExists: async (id) => (await tickets.readSnapshot(id)) !== undefined,
    log,
  });
  const cmdbClasses = classRegistry();
  const cmdb = new CmdbUseCases(cmdbRepo, cmdbClasses, directory, commands, queries, clock, ids);
  const searchIndex = search ?? SqliteFtsIndex.inMemory(TICKET_SEARCH_SCHEMA);
  const indexer = new TicketSearchIndexer(store, tickets, searchIndex, {
    verifyAfterWrite: config.QUEUE === 'servicebus',
  });
  const knownErrors = wireKnownErrors({
    store,
    clock,
    ids,
    relay,
    numbers,
    tickets,
    commands,
    cmdb,
    resolveTicketId: (ref) => queries.resolveId(ref),
    ticketIndex: searchIndex,
    ...(knownErrorSearch ? { index: knownErrorSearch } : {}),
    log,
  });
  const reports = wireReports(
    {
      store,
      tickets,
      sla: slaConfig,
      clock,
      presenter: queries,
      directory,
      mailbox: mailAdapters.send,
      from: {
        address: config.SUPPORT_ADDRESS ?? 'support@demo.local',
        name: config.SUPPORT_NAME ?? 'ITIL-NEXT Support',
      },
    },
    { timeZone: config.REPORTS_TIME_ZONE ?? 'UTC', multiInstance: config.QUEUE === 'servicebus' },
  );
  const changeSchedule = new ChangeScheduleRepository(store);
  const relayDeferred = (error: unknown) => log(`outbox relay deferred: ${String(error)}`);
  const incidentSide = ticketSide((ref) => queries.resolveId(ref), tickets, commands);
  const problems = new ProblemUseCases({
    problems: new ProblemRepository(store),
    numbers,
    directory,
    clock,
    ids,
    relay,
    tickets: incidentSide,
    changes: changeSide(changes),
    onRelayError: relayDeferred,
  });
  const migration = new MigrationRun({
    store,
    commands,
    tickets,
    numbers,
    directory,
    customers: customers.directory,
    records: new MailRecords(store),
    blobs: mailServices.blobs,
    clock,
    ids,
    supportAddress: config.SUPPORT_ADDRESS ?? 'support@demo.local',
  });
  return {
    orchestra,
    reports,
    auth: new Authenticator(config.AUTH_MODE, directory, azureAuthOptions(config)),
    tickets: ticketUseCases,
    productivity,
    queries,
    cmdb,
    changes,
    changeApprovals: changeApprovals.service,
    changeTemplates: new ChangeTemplates(store, changes, clock),
    cab: new CabMeetings({ store, clock, ids, changes, settings: approvalSettings }),
    changeScheduling: new ChangeScheduling(changeRepo, changeSchedule, cmdbRepo, directory, changes, clock),
    changeWindows: new ChangeWindowAdmin(changeSchedule, cmdbRepo, clock, ids),
    problems,
    problemIncidents: new ProblemIncidentSide(problems, incidentSide, orchestra.notifications),
    changeInsights: new ChangeInsights(changeRepo, changes, changeSchedule, cmdbRepo, changeTickets, clock),
    problemSuggestions: new ProblemSuggestions(store, new StoreClusteringSource(store), problems, clock, {
      windowDays: config.PROBLEM_CLUSTER_WINDOW_DAYS ?? DEFAULT_CLUSTERING.windowDays,
      minIncidents: config.PROBLEM_CLUSTER_MIN_INCIDENTS ?? DEFAULT_CLUSTERING.minIncidents,
      minSimilarity: config.PROBLEM_CLUSTER_MIN_SIMILARITY ?? DEFAULT_CLUSTERING.minSimilarity,
    }),
    cmdbImport: new CmdbImport(cmdbRepo, cmdbClasses, cmdb, clock, ids),
    cmdbSync: (cmdbSources ?? []).map(
      (source) =>
        new CmdbSync(
          {
            store,
            repo: cmdbRepo,
            registry: cmdbClasses,
            clock,
            ids,
            source,
            log,
            teamIds: async () => new Set((await directory.teams()).map((t) => t.id)),
          },
          cmdbSyncSettings,
        ),
    ),
    ciTickets: new CiTickets(store, cmdbRepo, cmdb, commands, queries),
    migration,
    migrationJobs: new MigrationJobs({
      store,
      bus,
      blobs: mailServices.blobs,
      clock,
      ids,
      run: migration,
      opener: sourceOpener,
      modes: mailServices.modes,
      tickets,
    }),
    knownErrors: knownErrors.useCases,
    knownErrorIndex: knownErrors,
    search: {
      tickets: new TicketSearch(searchIndex, tickets, (docs) => queries.present(docs)),
      indexer,
      index: searchIndex,
      rebuild: new SearchRebuild(store, searchIndex, indexer, clock),
    },
    sla: slaServices(store, commands, slaConfig, clock, log, new DateHolidaysSource()),
    directory,
    directoryAdmin: new DirectoryAdmin(directory, ids, async (id) => (await slaConfig.current()).calendars.has(id)),
    relay,
    deadLetters: bus,
    // The indexer first: a ticket is findable as soon as possible, whatever routing and rules do after.
    events: new EventDispatcher(store, clock, [
      indexer,
      knownErrors.indexer,
      ...subscribers,
      ...orchestra.subscribers,
      mailServices.outbound.subscriber,
      ...customers.subscribers,
      mailServices.assistMail.subscriber,
      ...productivity.subscribers,
      reports.projector,
      ...changeSubscribers({
        changes: changeRepo,
        tickets,
        directory,
        actions: mailServices.emailActions,
        notifier: orchestra.notifications,
      }),
      ...(liveChannel.enabled ? [liveUpdatesSubscriber(liveChannel.channel, log)] : []),
    ]),
    customers,
    mail: mailServices,
    live: { enabled: liveChannel.enabled, channel: liveChannel.channel, presence },
    devSignIn: config.AUTH_MODE === 'dev',
    info: { store: config.STORE, queue: config.QUEUE, version: VERSION, startedAt: clock.now().toISOString() },
  };
}

/** Without a mail channel wired in, alert mails are kept in memory and logged (never silently dropped). */
const loggingAlertMailer = (log: (line: string) => void): AlertMailer => {
  const memory = new MemoryAlertMailer();
  return {
    async send(mail) {
      await memory.send(mail);
      log(`alert mail (no mail channel wired): to ${mail.to.address}: ${mail.subject}`);
    },
  };
};
