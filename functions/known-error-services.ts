/**
 * Wires the known error database (issue 17, ADR 0034): its repository, use cases, the indexer that
 * keeps the known-error index (a second index on the SearchIndex port) in step from its events,
 * and the suggestions; the ticket index counts a candidate's similar incidents.
 */
import type { CmdbUseCases } from '../shared/cmdb/cmdb-use-cases.js';
import type { OutboxRelay } from '../shared/events/outbox-relay.js';
import { KnownErrorRepository } from '../shared/known-errors/known-error-repository.js';
import { KNOWN_ERROR_SEARCH_SCHEMA, KnownErrorIndexer } from '../shared/known-errors/known-error-search.js';
import { KnownErrorSuggestions } from '../shared/known-errors/known-error-suggestions.js';
import { knownErrorTicketSide } from '../shared/known-errors/known-error-ticket-side.js';
import { KnownErrorUseCases } from '../shared/known-errors/known-error-use-cases.js';
import { SimilarIncidents } from '../shared/known-errors/similar-incidents.js';
import type { Clock } from '../shared/ports/clock.js';
import type { DocumentStore } from '../shared/ports/document-store.js';
import type { IdGenerator } from '../shared/ports/id-generator.js';
import type { SearchIndex } from '../shared/ports/search-index.js';
import type { TicketRepository } from '../shared/tickets/ticket-repository.js';
import type { TicketCommands } from '../shared/use-cases/ticket-commands.js';
import type { WorkItemNumberAllocator } from '../shared/work-items/work-item-numbers.js';
import { SqliteFtsIndex } from './adapters/search/sqlite-fts-index.js';

export interface KnownErrorServices {
  readonly useCases: KnownErrorUseCases;
  readonly indexer: KnownErrorIndexer;
  readonly index: SearchIndex;
  readonly suggestions: KnownErrorSuggestions;
  /** Rebuilds the index when it is empty but published known errors exist (a lost search.db). */
  rebuildIfEmpty(): Promise<number>;
}

export function wireKnownErrors(deps: {
  readonly store: DocumentStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly relay: OutboxRelay;
  readonly numbers: WorkItemNumberAllocator;
  readonly tickets: TicketRepository;
  readonly commands: TicketCommands;
  readonly cmdb: CmdbUseCases;
  readonly resolveTicketId: (idOrNumber: string) => Promise<string | undefined>;
  readonly ticketIndex: SearchIndex;
  /** The known-error index; default: SQLite FTS5 in memory. */
  readonly index?: SearchIndex;
  readonly log: (line: string) => void;
}): KnownErrorServices {
  const repo = new KnownErrorRepository(deps.store);
  const index = deps.index ?? SqliteFtsIndex.inMemory(KNOWN_ERROR_SEARCH_SCHEMA);
  const indexer = new KnownErrorIndexer(repo, index);
  const suggestions = new KnownErrorSuggestions(index, repo);
  const useCases = new KnownErrorUseCases(
    repo,
    deps.numbers,
    deps.clock,
    deps.ids,
    deps.relay,
    suggestions,
    new SimilarIncidents(deps.ticketIndex),
    knownErrorTicketSide({
      resolveId: deps.resolveTicketId,
      store: deps.store,
      tickets: deps.tickets,
      commands: deps.commands,
      cmdb: deps.cmdb,
    }),
    (error) => deps.log(`outbox relay deferred: ${String(error)}`),
  );
  return {
    useCases,
    indexer,
    index,
    suggestions,
    async rebuildIfEmpty() {
      if ((await index.count()) > 0) return 0;
      const any = await repo.published(1);
      return any.items.length === 0 ? 0 : indexer.rebuild();
    },
  };
}
