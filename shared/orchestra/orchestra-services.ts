/**
 * Wires the "Orchestra" (rules engine, routing, notifications) over the ports, for the
 * composition root: one place that knows how the pieces feed each other, and the event
 * subscribers they add to the EventDispatcher.
 */
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { EventSubscriber } from '../events/event-dispatcher.js';
import { type AlertMailer, EmailDigests } from '../notifications/email-digest.js';
import { NotificationService } from '../notifications/notification-service.js';
import { NotificationStore } from '../notifications/notification-store.js';
import { NotificationSubscriber } from '../notifications/notification-subscriber.js';
import { PushNotifications, PushSubscriptions } from '../notifications/push-notifications.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/document-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { NO_PUSH_SENDER, type PushSender } from '../ports/push-sender.js';
import { AgentLoads } from '../routing/agent-load.js';
import { AutoAcceptPreferences } from '../routing/auto-accept.js';
import { RoutingQueries } from '../routing/routing-queries.js';
import { RoutingService } from '../routing/routing-service.js';
import { RoutingUpkeep } from '../routing/routing-upkeep.js';
import { workingHours } from '../routing/working-hours.js';
import { AckLimiter } from '../rules/ack-limiter.js';
import { LoopGuard } from '../rules/loop-guard.js';
import { RuleActions } from '../rules/rule-actions.js';
import { RuleAdmin } from '../rules/rule-admin.js';
import type { CiFactsSource } from '../rules/rule-ci-facts.js';
import { RuleRepository } from '../rules/rule-repository.js';
import { RuleRunner } from '../rules/rule-runner.js';
import type { TCalendar } from '../sla/calendar.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { TicketCommands } from '../use-cases/ticket-commands.js';

export interface OrchestraDeps {
  readonly store: DocumentStore;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly mailer: AlertMailer;
  readonly ownAddresses: readonly string[];
  readonly calendar?: () => Promise<TCalendar | null>;
  /** An SLA calendar by id: agents' working hours name one (routing honours them). */
  readonly calendarById?: (id: string) => Promise<TCalendar | undefined>;
  /** The affected CIs' facts rules read as `cis.*` (the CMDB). */
  readonly ciFacts?: CiFactsSource;
  /** Web push to agents' browsers (absent: no push). */
  readonly push?: PushSender;
  /** Take push endpoints on loopback/private hosts (the local push-service stand-in only). */
  readonly pushPrivateEndpoints?: boolean;
  readonly log?: (line: string) => void;
}

export interface OrchestraServices {
  readonly rules: RuleAdmin;
  readonly ruleRunner: RuleRunner;
  readonly routing: RoutingService;
  readonly routingUpkeep: RoutingUpkeep;
  readonly routingQueries: RoutingQueries;
  /** Each agent's own standing choice to accept tickets routed to them (default off). */
  readonly autoAccept: AutoAcceptPreferences;
  readonly notifications: NotificationService;
  readonly digests: EmailDigests;
  /** Agents' browser subscriptions and what is pushed to them. */
  readonly push: { readonly subscriptions: PushSubscriptions; readonly notifications: PushNotifications };
  /** Add these to the EventDispatcher (order: routing counters, rules, notifications). */
  readonly subscribers: readonly EventSubscriber[];
}

export function orchestraServices(d: OrchestraDeps): OrchestraServices {
  const digests = new EmailDigests(d.store, d.mailer);
  const pushSubscriptions = new PushSubscriptions(d.store, d.pushPrivateEndpoints === true);
  const pushes = new PushNotifications(pushSubscriptions, d.push ?? NO_PUSH_SENDER, d.log);
  const notifications = new NotificationService(new NotificationStore(d.store), digests, d.directory, d.clock, pushes);
  const loads = new AgentLoads(d.store);
  const routingQueries = new RoutingQueries(d.store);
  const autoAccept = new AutoAcceptPreferences(d.store, d.directory, d.clock);
  const routing = new RoutingService({
    tickets: d.tickets,
    commands: d.commands,
    directory: d.directory,
    loads,
    autoAccept,
    clock: d.clock,
    ...(d.calendarById ? { isWorking: workingHours(d.calendarById) } : {}),
  });
  const routingUpkeep = new RoutingUpkeep(routing, routingQueries, loads, d.directory, d.tickets, d.clock);
  const ruleRepo = new RuleRepository(d.store, d.clock);
  const actions = new RuleActions({
    commands: d.commands,
    tickets: d.tickets,
    directory: d.directory,
    routing,
    notifier: notifications,
    mailer: d.mailer,
    ackLimiter: new AckLimiter(d.store),
    ownAddresses: d.ownAddresses,
  });
  const ruleRunner = new RuleRunner({
    rules: ruleRepo,
    tickets: d.tickets,
    commands: d.commands,
    actions,
    guard: new LoopGuard(d.store),
    store: d.store,
    clock: d.clock,
    ...(d.calendar ? { calendar: d.calendar } : {}),
    ...(d.ciFacts ? { ciFacts: d.ciFacts } : {}),
  });
  return {
    rules: new RuleAdmin(ruleRepo, ruleRunner, d.directory, d.clock, d.ids),
    ruleRunner,
    routing,
    routingUpkeep,
    routingQueries,
    autoAccept,
    notifications,
    digests,
    push: { subscriptions: pushSubscriptions, notifications: pushes },
    subscribers: [routingUpkeep, ruleRunner, new NotificationSubscriber(d.tickets, d.directory, notifications)],
  };
}
