/**
 * The customer acts that reach outside the directory: "re-evaluate SLA" on a ticket (the
 * requester's current tier, company and account manager replace the recorded ones, the SLA
 * policy is matched again and applied from the ticket's start, a timeline entry says so) and
 * "create in CRM" for a requester the CRM does not know. Neither changes an owner.
 */
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import { type Crm, CrmRateLimitedError, CrmUnavailableError } from '../ports/crm.js';
import type { TicketRepository } from '../tickets/ticket-repository.js';
import type { CommandOptions, TicketCommands } from '../use-cases/ticket-commands.js';
import type { CrmCache } from './crm-cache.js';
import type { CustomerContext } from './customer-context.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { ContactSnapshot } from './customer-types.js';

export class CustomerActs {
  constructor(
    private readonly d: {
      readonly tickets: TicketRepository;
      readonly commands: TicketCommands;
      readonly context: CustomerContext;
      readonly customers: CustomerDirectory;
      readonly crm: Crm | null;
      readonly cache: CrmCache | null;
      readonly clock: Clock;
    },
  ) {}

  /** The ticket snapshot (for the customer panel). */
  async ticket(ticketId: string) {
    return (await this.d.tickets.readSnapshot(ticketId))?.doc;
  }

  async reevaluateSla(ticketId: string, actor: Actor, options: CommandOptions = {}) {
    const found = await this.d.tickets.readSnapshot(ticketId);
    if (!found) return fail<never>('TICKET.NOT_FOUND', `No ticket ${ticketId}`);
    const email = found.doc.requester.email;
    const next =
      (await this.d.context.current(email)) ??
      // A requester from before the customer directory: their contact is made now.
      (await this.d.context.forNewTicket({ email, name: found.doc.requester.name }, 'ticket'));
    return this.d.commands.run(ticketId, actor, (t, ctx) => t.reevaluateCustomer(next, ctx), {
      ...options,
      slaRematch: true,
    });
  }

  async createInCrm(contactId: string): Promise<Result<ContactSnapshot>> {
    if (!this.d.crm || !this.d.cache) return fail('CRM.NOT_CONFIGURED', 'No CRM is configured (CRM_PROVIDER)');
    const found = await this.d.customers.contact(contactId);
    if (!found) return fail('CUSTOMER.NOT_FOUND', `No contact ${contactId}`);
    const { contact } = found;
    if (contact.crmId)
      return fail('CRM.ALREADY_LINKED', `${contact.name} is already linked to CRM contact ${contact.crmId}`);
    const email = contact.emails[0] as string;
    const known = await this.d.cache.get(email, 3_000);
    if (known.state === 'found')
      return fail('CRM.ALREADY_LINKED', `The CRM already knows ${email} (contact ${known.contact.id})`);
    const company = contact.companyId ? (await this.d.customers.company(contact.companyId))?.company : undefined;
    const [firstName, ...rest] = contact.name.split(' ');
    let created: { id: string };
    try {
      created = await this.d.crm.createContact({
        email,
        firstName: firstName ?? null,
        lastName: rest.length > 0 ? rest.join(' ') : null,
        phone: contact.phone,
        companyId: company?.crmId ?? null,
      });
    } catch (error) {
      if (error instanceof CrmUnavailableError || error instanceof CrmRateLimitedError)
        return fail('CRM.UNAVAILABLE', `The CRM did not take the contact: ${error.message}`);
      throw error;
    }
    // Ask again at once, so the panel and the next ticket see the new HubSpot contact.
    await this.d.cache.revalidate(email, 3_000);
    const next = { ...contact, crmId: created.id, updatedAt: this.d.clock.now().toISOString() };
    const saved = await this.d.customers.replaceContact(next, found.etag, contact);
    return saved.ok ? ok(saved.value) : saved;
  }
}
