/**
 * Data migration 1: the team-level `autoAccept` goes away (ownership comes only from a person's
 * yes). Every team document loses the flag and gets an offer time (`offerMinutes`, 10 by default),
 * so a team that auto-accepted now offers; routing's old per-ticket claims (an offer, or an
 * auto-accept in flight, in `config/routing-claims`) are deleted with the capacity they held, and
 * their tickets, if still unowned and open, are routed again: each gets an offer, recorded on its
 * timeline. Nobody's personal auto-accept is turned on. Frozen: never edit it after it shipped.
 */

import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';
import type { DataMigration } from './data-migrations.js';

const OFFER_MINUTES = 10;

interface OldTeamDoc extends StoredDocument {
  readonly pk: 'teams';
  readonly name: string;
  readonly autoAccept?: boolean;
  readonly offerMinutes?: number;
}

interface OldClaimDoc extends StoredDocument {
  readonly pk: 'routing-claims';
  readonly ticketId: string;
  readonly agentId: string;
  readonly kind: 'offer' | 'assigning';
}

interface LoadDoc extends StoredDocument {
  readonly pk: 'routing-load';
  readonly tickets: Readonly<Record<string, { readonly kind: string }>>;
}

async function all<T extends StoredDocument>(
  store: DocumentStore,
  container: 'directory' | 'config',
  partitionKey: string,
  docType: string,
): Promise<{ doc: T; etag: string }[]> {
  const found: { doc: T; etag: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<T>(container, {
      partitionKey,
      where: [{ field: 'docType', op: 'eq', value: docType }],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return found;
}

/** Replaces a document under its etag, re-reading on a conflict; `change` returns null when nothing is left to do. */
async function rewrite<T extends StoredDocument>(
  store: DocumentStore,
  container: 'directory' | 'config',
  partitionKey: string,
  id: string,
  change: (doc: T) => T | null,
): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = await store.read<T>(container, partitionKey, id);
    const next = found ? change(found.doc) : null;
    if (!found || !next) return false;
    try {
      await store.batch(container, partitionKey, [{ op: 'replace', doc: next, ifMatch: found.etag }]);
      return true;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
  }
  throw new Error(`data migration 1: ${container}/${id} kept changing`);
}

export const teamAutoAcceptBecomesOffers: DataMigration = {
  version: 1,
  name: 'team-auto-accept-becomes-offers',
  async up({ store, route }) {
    const teamsThatAutoAccepted: string[] = [];
    let teamsChanged = 0;
    for (const { doc } of await all<OldTeamDoc>(store, 'directory', 'teams', 'team')) {
      if (doc.autoAccept === true) teamsThatAutoAccepted.push(doc.id);
      const changed = await rewrite<OldTeamDoc>(store, 'directory', 'teams', doc.id, (team) => {
        if (!('autoAccept' in team) && typeof team.offerMinutes === 'number') return null;
        const { autoAccept: _gone, ...rest } = team;
        return { ...rest, offerMinutes: typeof team.offerMinutes === 'number' ? team.offerMinutes : OFFER_MINUTES };
      });
      if (changed) teamsChanged++;
    }

    const claims = await all<OldClaimDoc>(store, 'config', 'routing-claims', 'routing-claim');
    for (const { doc: claim } of claims) {
      await rewrite<LoadDoc>(store, 'config', 'routing-load', `load:${claim.agentId}`, (load) => {
        if (load.tickets[claim.ticketId]?.kind !== 'reserved') return null;
        const { [claim.ticketId]: _held, ...rest } = load.tickets;
        return { ...load, tickets: rest };
      });
      await store.batch('config', 'routing-claims', [{ op: 'delete', id: claim.id }]).catch((error: unknown) => {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      });
    }
    // Routing skips owned, finished or already offered tickets, so this only offers what still waits.
    for (const ticketId of new Set(claims.map((c) => c.doc.ticketId)))
      await route(ticketId, 'data migration 1: team auto-accept became offers');

    return {
      changed: teamsChanged + claims.length > 0,
      teamsChanged,
      teamsThatAutoAccepted,
      claimsConverted: claims.length,
    };
  },
};
