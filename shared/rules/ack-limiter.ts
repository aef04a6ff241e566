/**
 * Guards of the auto-acknowledgement: never to robots (auto-replies, bounces, no-reply and our
 * own addresses: that is how mail loops start), at most `perTicket` per ticket per hour and
 * `globalPerMinute` overall, counted in etag-guarded documents so parallel workers agree.
 */
import { ConcurrencyConflictError, type DocumentStore, type StoredDocument } from '../ports/document-store.js';

const PK = 'ack-rate';
const ROBOT =
  /^(mailer-daemon|postmaster|mail-daemon|bounces?|no-?reply|do-?not-?reply|donotreply|auto-?reply)([+.-][^@]*)?@/i;

export interface AckLimits {
  readonly perTicketPerHour: number;
  readonly globalPerMinute: number;
}

export const DEFAULT_ACK_LIMITS: AckLimits = { perTicketPerHour: 1, globalPerMinute: 30 };

interface CounterDoc extends StoredDocument {
  readonly pk: typeof PK;
  readonly stamps: readonly number[];
}

/** Why an acknowledgement must not go to this address, or null. */
export function robotAddress(address: string, ownAddresses: readonly string[]): string | null {
  const a = address.trim().toLowerCase();
  if (a === '' || !a.includes('@')) return 'no valid requester address';
  if (ownAddresses.some((own) => own.toLowerCase() === a)) return `${a} is our own address`;
  if (ROBOT.test(a)) return `${a} is an automatic sender`;
  return null;
}

export class AckLimiter {
  constructor(
    private readonly store: DocumentStore,
    private readonly limits: AckLimits = DEFAULT_ACK_LIMITS,
  ) {}

  /** Takes one slot for the ticket and one globally; returns why not when a limit is reached. */
  async take(ticketId: string, now: Date): Promise<string | null> {
    const t = now.getTime();
    if (!(await this.bump(`t:${ticketId}`, t, 3_600_000, this.limits.perTicketPerHour)))
      return `at most ${this.limits.perTicketPerHour} acknowledgement(s) per ticket per hour`;
    if (!(await this.bump('global', t, 60_000, this.limits.globalPerMinute)))
      return `the global limit of ${this.limits.globalPerMinute} acknowledgements a minute is reached`;
    return null;
  }

  private async bump(id: string, now: number, windowMs: number, max: number): Promise<boolean> {
    for (let attempt = 0; attempt < 30; attempt++) {
      const found = await this.store.read<CounterDoc>('config', PK, id);
      const stamps = (found?.doc.stamps ?? []).filter((s) => now - s < windowMs);
      if (stamps.length >= max) return false;
      const doc: CounterDoc = { id, pk: PK, docType: 'ack-counter', stamps: [...stamps, now] };
      try {
        await this.store.batch('config', PK, [
          found ? { op: 'replace', doc, ifMatch: found.etag } : { op: 'create', doc },
        ]);
        return true;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    }
    return false;
  }
}
