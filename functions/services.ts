/** Everything a function handler may use, built once by the composition root. */
import type { CabMeetings } from '../shared/changes/cab-meetings.js';
import type { ChangeApprovalService } from '../shared/changes/change-approval-service.js';
import type { ChangeInsights } from '../shared/changes/change-insights.js';
import type { ChangeScheduling } from '../shared/changes/change-scheduling.js';
import type { ChangeTemplates } from '../shared/changes/change-templates.js';
import type { ChangeUseCases } from '../shared/changes/change-use-cases.js';
import type { ChangeWindowAdmin } from '../shared/changes/change-window-admin.js';
import type { CiTickets } from '../shared/cmdb/ci-tickets.js';
import type { CmdbImport } from '../shared/cmdb/cmdb-import.js';
import type { CmdbSync } from '../shared/cmdb/cmdb-sync.js';
import type { CmdbUseCases } from '../shared/cmdb/cmdb-use-cases.js';
import type { DirectoryAdmin } from '../shared/directory/directory-admin.js';
import type { DirectoryRepository } from '../shared/directory/directory-repository.js';
import type { EventDispatcher } from '../shared/events/event-dispatcher.js';
import type { OutboxRelay } from '../shared/events/outbox-relay.js';
import type { KnownErrorUseCases } from '../shared/known-errors/known-error-use-cases.js';
import type { PresenceService } from '../shared/live/presence-service.js';
import type { MigrationJobs } from '../shared/migration/migration-jobs.js';
import type { MigrationRun } from '../shared/migration/migration-run.js';
import type { OrchestraServices } from '../shared/orchestra/orchestra-services.js';
import type { LiveChannel } from '../shared/ports/live-channel.js';
import type { DeadLetterQueue, QueueMonitor } from '../shared/ports/message-bus.js';
import type { SearchIndex } from '../shared/ports/search-index.js';
import type { ProblemIncidentSide } from '../shared/problems/problem-incident-side.js';
import type { ProblemSuggestions } from '../shared/problems/problem-suggestions.js';
import type { ProblemUseCases } from '../shared/problems/problem-use-cases.js';
import type { SearchRebuild } from '../shared/search/search-rebuild.js';
import type { TicketSearch } from '../shared/search/ticket-search.js';
import type { TicketSearchIndexer } from '../shared/search/ticket-search-indexer.js';
import type { SlaServices } from '../shared/sla-engine/sla-services.js';
import type { TicketQueries } from '../shared/use-cases/ticket-queries.js';
import type { TicketUseCases } from '../shared/use-cases/ticket-use-cases.js';
import type { GraphServices } from './adapters/graph/graph-services.js';
import type { HubSpotWebhooks } from './adapters/hubspot/hubspot-webhooks.js';
import type { CustomerServices } from './customer-services.js';
import type { Authenticator } from './http/kit/auth.js';
import type { KnownErrorServices } from './known-error-services.js';
import type { MailServices } from './mail-services.js';
import type { ProductivityServices } from './productivity-services.js';
import type { ReportServices } from './report-services.js';

export interface Services {
  readonly auth: Authenticator;
  readonly tickets: TicketUseCases;
  readonly queries: TicketQueries;
  readonly directory: DirectoryRepository;
  /** Agents and teams as admins edit them (If-Match, team membership). */
  readonly directoryAdmin: DirectoryAdmin;
  readonly relay: OutboxRelay;
  readonly deadLetters: DeadLetterQueue;
  /** Queue depths for the admin page and /api/health: the local queue; absent on Service Bus. */
  readonly queueMonitor?: QueueMonitor;
  readonly events: EventDispatcher;
  /** Rules engine, routing and notifications (issue 6). */
  readonly orchestra: OrchestraServices;
  /** Full-text search of tickets (ADR 0018): the use case, the indexer fed by domain events, the index. */
  readonly search: {
    readonly tickets: TicketSearch;
    readonly indexer: TicketSearchIndexer;
    readonly index: SearchIndex;
    readonly rebuild: SearchRebuild;
  };
  /** SLA configuration (admin), evaluation timer and recompute. */
  readonly sla: SlaServices;
  /** True when AUTH_MODE=dev: the anonymous dev sign-in list is served. */
  readonly devSignIn: boolean;
  /** MAIL_PROVIDER=graph|graph-sim: the Graph mailbox (`graph.mailbox` is its Mailbox port), subscriptions, delta, webhook. */
  readonly graph?: GraphServices;
  /** The email channel: ingestion, quarantine, outbound sends, attachments, the local outbox. */
  readonly mail: MailServices;
  /** The CMDB: CIs, relations, impact, a ticket's affected CIs (issue 15). */
  readonly cmdb: CmdbUseCases;
  /** Change management (issue 16): changes on the work-item kernel. */
  readonly changes: ChangeUseCases;
  /** Change approvals (ADR 0030): for me, per change, decisions, settings, the timer. */
  readonly changeApprovals: ChangeApprovalService;
  /** The standard-change catalog and the CAB (ADR 0030). */
  readonly changeTemplates: ChangeTemplates;
  readonly cab: CabMeetings;
  /** The change schedule (ADR 0031): conflicts, next free slot, calendar, the checked schedule command. */
  readonly changeScheduling: ChangeScheduling;
  /** Blackout and maintenance windows. */
  /** Risk with the CMDB's facts, incidents a change caused, a ticket's changes (ADR 0031). */
  readonly changeInsights: ChangeInsights;
  readonly changeWindows: ChangeWindowAdmin;
  /** The known error database (issue 17): KE- records, versions, suggestions, candidates. */
  readonly knownErrors: KnownErrorUseCases;
  /** Its index, indexer and suggestions (the benchmark and the start-up rebuild use them). */
  readonly knownErrorIndex: KnownErrorServices;
  /** Problem management (issue 17): problems on the work-item kernel, and their incident side. */
  readonly problems: ProblemUseCases;
  readonly problemIncidents: ProblemIncidentSide;
  /** The "suggested problems" queue and its clustering timer. */
  readonly problemSuggestions: ProblemSuggestions;
  /** Tickets and CIs for the screens: a CI's tickets, the ticket's CI facts, suggested CIs, the neighbourhood. */
  readonly ciTickets: CiTickets;
  /** The customer directory, its CRM enrichment (HubSpot) and the ticket's customer panel. */
  readonly customers: CustomerServices;
  /** CRM_PROVIDER=hubspot|hubspot-sim: webhook signature check and cache invalidation. */
  readonly hubspotWebhooks?: HubSpotWebhooks;
  readonly cmdbImport: CmdbImport;
  /** Moving in from another helpdesk (issue 20, ADR 0029): `npm run migrate` drives it. */
  readonly migration: MigrationRun;
  /** Migrations and shadow reports started from the admin page, as queued jobs. */
  readonly migrationJobs: MigrationJobs;
  /** Ticket templates, macros and bulk jobs (issue 18). */
  readonly productivity: ProductivityServices;
  /** One sync per configured CMDB source (Valuemation, a folder of exports), run by the `cmdb-sync` timer. */
  readonly cmdbSync: readonly CmdbSync[];
  /** Reporting (issue 19, ADR 0023): the read model, dashboards, exports, scheduled report mail. */
  readonly reports: ReportServices;
  /** Live updates and presence (ADR 0027): the channel browsers connect to, who is on which ticket. */
  readonly live: {
    readonly enabled: boolean;
    readonly channel: LiveChannel;
    readonly presence: PresenceService;
  };
  readonly info: {
    readonly store: string;
    readonly queue: string;
    readonly version: string;
    readonly startedAt: string;
  };
}
