/**
 * Coalesces CRM lookups: addresses asked for while a batch is being collected or while the
 * maximum number of batches is in flight go out together in the next one (up to `max` per
 * call). A burst of first mails from 100 senders costs a handful of CRM calls, not 100.
 */
import type { Crm, CrmContact } from '../ports/crm.js';

interface Waiter {
  resolve(contact: CrmContact | null): void;
  reject(error: unknown): void;
}

export class LookupBatcher {
  private readonly waiting = new Map<string, Waiter[]>();
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly crm: Pick<Crm, 'lookupContacts'>,
    private readonly options: { max: number; maxInFlight: number; windowMs: number },
  ) {}

  lookup(email: string): Promise<CrmContact | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(email);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(email, [{ resolve, reject }]);
      if (!this.timer) this.timer = setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    this.timer = null;
    while (this.inFlight < this.options.maxInFlight && this.waiting.size > 0) {
      const batch = [...this.waiting.entries()].slice(0, this.options.max);
      for (const [email] of batch) this.waiting.delete(email);
      this.inFlight++;
      this.crm
        .lookupContacts(batch.map(([email]) => email))
        .then(
          (found) => {
            for (const [email, waiters] of batch) for (const w of waiters) w.resolve(found.get(email) ?? null);
          },
          (error: unknown) => {
            for (const [, waiters] of batch) for (const w of waiters) w.reject(error);
          },
        )
        .finally(() => {
          this.inFlight--;
          if (this.waiting.size > 0 && !this.timer) this.flush();
        });
    }
  }
}
