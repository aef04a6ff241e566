/**
 * The containers the product stores documents in, with their partition keys and the fields
 * queries filter or sort on. This one table drives the SQLite schema (generated columns +
 * indexes), the Cosmos setup command (indexing policy, composite indexes) and the Bicep check.
 */
export interface IndexedField {
  /** Dotted path in the document, e.g. `requester.email`. */
  readonly path: string;
  readonly kind: 'text' | 'number' | 'boolean';
  /**
   * The one document type that carries this field, when only one does (a ticket's `status`, an
   * assist's `state`). SQLite then indexes only those documents (a partial index), so writing a
   * timeline entry or an outbox event does not touch the ticket list's indexes. Cosmos ignores it.
   */
  readonly docType?: string;
}

export interface ContainerDefinition {
  readonly name: string;
  /** Cosmos partition key path; the SQLite adapter reads the same field. */
  readonly partitionKeyPath: `/${string}`;
  readonly indexedFields: readonly IndexedField[];
  /** Multi-field indexes, leading fields first (Cosmos composite indexes need them for ORDER BY). */
  readonly compositeIndexes: readonly (readonly { readonly path: string; readonly direction: 'asc' | 'desc' }[])[];
}

const text = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'text',
  ...(docType ? { docType } : {}),
});
const num = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'number',
  ...(docType ? { docType } : {}),
});
const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });

export const CONTAINERS = {
  /** One partition per ticket: the ticket, its timeline entries, its assists and its outbox events. */
  tickets: {
    name: 'tickets',
    partitionKeyPath: '/ticketId',
    indexedFields: [
      text('docType'),
      text('number', 'ticket'),
      text('status', 'ticket'),
      text('ownerId', 'ticket'),
      text('teamId', 'ticket'),
      text('priority', 'ticket'),
      text('updatedAt'),
      text('createdAt'),
      num('seq', 'entry'),
      text('state', 'assist'),
      text('expertAgentId', 'assist'),
      text('expertTeamId', 'assist'),
      text('slaNextEvaluationAt', 'ticket'),
      text('slaDueAt', 'ticket'),
      text('customer.contactId', 'ticket'),
      text('customer.companyId', 'ticket'),
      text('customer.enrichment', 'ticket'),
      // The tickets on a CI (ticket-ci links, issue 15): open ones, and the newest first.
      text('ciId', 'ticket-ci'),
      { path: 'open', kind: 'boolean', docType: 'ticket-ci' },
    ],
    compositeIndexes: [
      [asc('docType'), asc('status'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('teamId'), asc('status'), desc('updatedAt')],
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('priority'), desc('updatedAt')],
      [asc('docType'), asc('seq')],
      [asc('docType'), asc('state'), asc('expertAgentId')],
      [asc('docType'), asc('state'), asc('expertTeamId')],
      // The SLA timer reads only due tickets; the list sorts by SLA due time.
      [asc('docType'), asc('slaNextEvaluationAt')],
      [asc('docType'), asc('slaDueAt')],
      // A contact's and a company's tickets, newest first (the customer panel and pages).
      [asc('docType'), asc('customer.contactId'), desc('createdAt')],
      [asc('docType'), asc('customer.companyId'), desc('createdAt')],
      [asc('docType'), asc('ciId'), desc('createdAt')],
    ],
  },
  /**
   * One partition per change (issue 16, ADR 0025): the change, its timeline entries, its assists
   * and its outbox events, as a ticket's. Lists filter on state, owner, team and type, newest first;
   * the calendar reads planned windows by start. A change's slots (what it books: its CIs and
   * people, ADR 0031) are read by resource and start; blackout and maintenance windows are their
   * own partitions here (`docType` change-window), read by scope.
   */
  changes: {
    name: 'changes',
    partitionKeyPath: '/changeId',
    indexedFields: [
      text('docType'),
      text('number', 'change'),
      // Both a change and its assists have a `state`: one column, indexed for both.
      text('state'),
      text('ownerId', 'change'),
      text('teamId', 'change'),
      text('type', 'change'),
      text('plannedStart', 'change'),
      text('updatedAt'),
      num('seq', 'entry'),
      text('expertAgentId', 'assist'),
      text('expertTeamId', 'assist'),
      // Approval index documents (ADR 0030): "Approvals for me" and the approval timer.
      text('approverId', 'change-approval'),
      text('dueAt', 'change-approval'),
      text('nextTimerAt', 'change-approval'),
      // What changes book (ADR 0031): slots by resource and start; windows by scope.
      text('resourceId', 'change-slot'),
      text('start', 'change-slot'),
      text('scope', 'change-window'),
    ],
    compositeIndexes: [
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('approverId'), asc('state'), asc('dueAt')],
      [asc('docType'), asc('nextTimerAt')],
      [asc('docType'), asc('state'), desc('updatedAt')],
      [asc('docType'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('state'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('type'), desc('updatedAt')],
      [asc('docType'), asc('plannedStart')],
      [asc('docType'), asc('seq')],
      [asc('docType'), asc('resourceId'), asc('start')],
      [asc('docType'), asc('scope')],
    ],
  },
  /**
   * One partition per problem (issue 17, ADR 0033): the problem, its timeline entries, its assists
   * and its outbox events, as a change's. Lists filter on state, owner and priority, newest first.
   * The suggested problems (clusters of recurring incidents) share one partition (`suggestions`),
   * read by state newest first; a dismissed one stays, so it is not suggested again.
   */
  problems: {
    name: 'problems',
    partitionKeyPath: '/problemId',
    indexedFields: [
      text('docType'),
      text('number', 'problem'),
      // A problem, its assists and its suggestions have a `state`: one column, indexed for all.
      text('state'),
      text('ownerId', 'problem'),
      text('teamId', 'problem'),
      text('priority', 'problem'),
      text('updatedAt'),
      num('seq', 'entry'),
      text('expertAgentId', 'assist'),
      text('expertTeamId', 'assist'),
    ],
    compositeIndexes: [
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('state'), desc('updatedAt')],
      [asc('docType'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('state'), asc('ownerId'), desc('updatedAt')],
      [asc('docType'), asc('priority'), desc('updatedAt')],
      [asc('docType'), asc('seq')],
    ],
  },
  /**
   * The known error database (issue 17, ADR 0034), one partition per known error: its current
   * document, its versions (append-only, one document each) and its outbox events. Lists by status
   * newest first; the candidates queue is the drafts promoted from assists.
   */
  knowledge: {
    name: 'knowledge',
    partitionKeyPath: '/knownErrorId',
    indexedFields: [
      text('docType'),
      text('number', 'known-error'),
      text('status', 'known-error'),
      text('source.kind', 'known-error'),
      text('problemId', 'known-error'),
      text('updatedAt', 'known-error'),
      num('version', 'known-error-version'),
    ],
    compositeIndexes: [
      [asc('docType'), desc('updatedAt')],
      [asc('docType'), asc('status'), desc('updatedAt')],
      [asc('docType'), asc('status'), asc('source.kind'), desc('updatedAt')],
      [asc('docType'), desc('version')],
    ],
  },
  /** Agents and teams, partitioned by kind (`pk` = 'agents' | 'teams'): small and read often. */
  directory: {
    name: 'directory',
    partitionKeyPath: '/pk',
    indexedFields: [text('docType'), text('email')],
    compositeIndexes: [],
  },
  /** Configuration, counters (ticket numbers), handled-event markers and notifications, partitioned by kind. */
  config: {
    name: 'config',
    partitionKeyPath: '/pk',
    // A person's in-app notifications are listed (and counted for the bell) newest first.
    indexedFields: [text('docType'), text('at', 'notification')],
    compositeIndexes: [[asc('docType'), desc('at')]],
  },
  /**
   * The email channel: processed message ids (idempotency and References lookup), provider ids,
   * quarantined messages, outbound send records, bouncing addresses and provider state
   * (Graph subscriptions, delta links). Partitioned by `pk`, mostly one partition per document.
   */
  mail: {
    name: 'mail',
    partitionKeyPath: '/pk',
    indexedFields: [text('docType'), text('status'), text('at')],
    compositeIndexes: [[asc('docType'), desc('at')]],
  },
  /**
   * The CMDB (issue 15), one partition per CI: the CI, its history entries, its search keys and
   * the relations it is the `from` end of. A hop of the impact traversal is one query on
   * `providerId` or `consumerId`; search is a prefix range on `key`.
   */
  cis: {
    name: 'cis',
    partitionKeyPath: '/ciId',
    indexedFields: [
      text('docType'),
      text('nameKey', 'ci'),
      text('status', 'ci'),
      text('ciClass', 'ci'),
      text('assetTagKey', 'ci'),
      text('externalId', 'ci'),
      text('key', 'ci-key'),
      text('providerId', 'ci-relation'),
      text('consumerId', 'ci-relation'),
      num('seq', 'ci-history'),
      // The CI list's filters (issue 15 screens).
      text('environment', 'ci'),
      num('criticality', 'ci'),
      text('ownerTeamId', 'ci'),
    ],
    compositeIndexes: [
      [asc('docType'), asc('nameKey')],
      [asc('docType'), asc('key')],
      [asc('docType'), asc('seq')],
    ],
  },
  /**
   * The customer directory: contacts and companies (one partition each, `pk` = id), the keys that
   * claim an address or a domain (`email:<address>`, `domain:<domain>`), the CRM cache
   * (`crm:<address>`) and the CRM write-back claims (`crm-note:<ticket>:<kind>`).
   */
  customers: {
    name: 'customers',
    partitionKeyPath: '/pk',
    indexedFields: [
      text('docType'),
      text('nameKey'),
      text('companyId', 'contact'),
      text('tier', 'company'),
      text('crmId', 'company'),
      text('crmContactId', 'crm-contact'),
      text('crmCompanyId', 'crm-contact'),
    ],
    compositeIndexes: [[asc('docType'), asc('nameKey')]],
  },
  /**
   * The reporting read model (issue 19, ADR 0023): per bucket (family x day x dimensions) its
   * totals and the per-ticket contributions behind them, one partition each; per ticket the
   * buckets it contributes to. Dashboards read totals by family and day range, the backlog by `open`.
   */
  reports: {
    name: 'reports',
    partitionKeyPath: '/pk',
    indexedFields: [
      text('docType'),
      text('family', 'report-bucket'),
      text('day', 'report-bucket'),
      num('open', 'report-bucket'),
      text('teamId', 'report-bucket'),
      text('priority', 'report-bucket'),
      text('type', 'report-bucket'),
    ],
    compositeIndexes: [],
  },
} as const satisfies Record<string, ContainerDefinition>;

export type ContainerName = keyof typeof CONTAINERS;

export const CONTAINER_NAMES = Object.keys(CONTAINERS) as ContainerName[];

/** The partition key field name of a container (`/ticketId` -> `ticketId`). */
export const partitionKeyField = (container: ContainerName): string => CONTAINERS[container].partitionKeyPath.slice(1);
