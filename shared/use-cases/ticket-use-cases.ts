/**
 * The ticket commands the API (and later email, rules and timers) call. Each one is
 * load -> one domain method -> save -> publish, through TicketCommands.
 */

import type { AssistApiAction, TAssistActionBody, TRequestAssist } from '../api/assists.schemas.js';
import type {
  TAddNote,
  TChangeStatus,
  TCreateTicket,
  TReply,
  TTransferTicket,
  TUpdateTicket,
} from '../api/tickets.schemas.js';
import { ticketIdOfAssist } from '../assists/assist-id.js';
import type { TicketCustomer } from '../customers/customer-types.js';
import type { DirectoryRepository } from '../directory/directory-repository.js';
import type { Actor } from '../kernel/actor.js';
import { fail, ok, type Result } from '../kernel/result.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import { Ticket } from '../tickets/ticket.js';
import { NUMBER_PREFIX } from '../tickets/ticket-types.js';
import type { WorkItemNumberAllocator } from '../work-items/work-item-numbers.js';
import type { CommandOptions, CommandOutcome, TicketCommands } from './ticket-commands.js';

/** Who a requester is in the customer directory (shared/customers/customer-context.ts). */
export interface RequesterContext {
  forNewTicket(requester: { email: string; name: string }, source: 'ticket' | 'mail'): Promise<TicketCustomer>;
}

export class TicketUseCases {
  constructor(
    private readonly commands: TicketCommands,
    private readonly numbers: WorkItemNumberAllocator,
    private readonly directory: DirectoryRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly customers?: RequesterContext,
  ) {}

  async create(input: TCreateTicket, actor: Actor): Promise<Result<CommandOutcome<void>>> {
    if (input.teamId && !(await this.directory.team(input.teamId)))
      return fail('TEAM.NOT_FOUND', `No team ${input.teamId}`);
    const customer = this.customers
      ? await this.customers.forNewTicket({ email: input.requester.email, name: input.requester.name }, 'ticket')
      : null;
    const number = await this.numbers.next(NUMBER_PREFIX[input.type]);
    const created = Ticket.create(
      { ...input, number, ...(customer ? { customer } : {}) },
      { actor, now: this.clock.now(), ids: this.ids },
    );
    if (!created.ok) return created;
    const saved = await this.commands.save(created.value, null);
    return ok({ ticket: created.value.toSnapshot(), ...saved, value: undefined });
  }

  accept(ticketId: string, actor: Actor, options: CommandOptions = {}) {
    return this.commands.run(ticketId, actor, (t, ctx) => t.accept(ctx), options);
  }

  async transfer(ticketId: string, input: TTransferTicket, actor: Actor, options: CommandOptions = {}) {
    const target = await this.directory.agent(input.toAgentId);
    if (!target) return fail<CommandOutcome<void>>('AGENT.NOT_FOUND', `No agent ${input.toAgentId}`);
    return this.commands.run(ticketId, actor, (t, ctx) => t.transfer(target, input.reason, ctx), options);
  }

  changeStatus(ticketId: string, input: TChangeStatus, actor: Actor, options: CommandOptions = {}) {
    return this.commands.run(
      ticketId,
      actor,
      (t, ctx) => t.changeStatus(input.status, input.reason ?? null, ctx),
      options,
    );
  }

  async updateFields(ticketId: string, patch: TUpdateTicket, actor: Actor, options: CommandOptions = {}) {
    if (patch.teamId && !(await this.directory.team(patch.teamId)))
      return fail<CommandOutcome<void>>('TEAM.NOT_FOUND', `No team ${patch.teamId}`);
    return this.commands.run(ticketId, actor, (t, ctx) => t.updateFields(patch, ctx), options);
  }

  /** Appending a note cannot depend on a concurrent change, so conflicts are retried. */
  addNote(ticketId: string, input: TAddNote, actor: Actor, options: CommandOptions = {}) {
    return this.commands.run(ticketId, actor, (t, ctx) => t.addNote(input.body, input.visibility, ctx), {
      retryOnConflict: true,
      ...options,
    });
  }

  /** The owner answers the customer, optionally setting the status in the same change. */
  reply(ticketId: string, input: TReply, actor: Actor, options: CommandOptions = {}) {
    return this.commands.run(
      ticketId,
      actor,
      (t, ctx) => {
        const replied = t.reply({ body: input.body, cc: input.cc }, ctx);
        if (!replied.ok || !input.status) return replied;
        const moved = t.changeStatus(input.status, null, ctx);
        return moved.ok ? replied : moved;
      },
      options,
    );
  }

  async requestAssist(ticketId: string, input: TRequestAssist, actor: Actor, options: CommandOptions = {}) {
    const expert = input.expert;
    if ('agentId' in expert) {
      const agent = await this.directory.agent(expert.agentId);
      if (!agent?.active) return fail<CommandOutcome<string>>('AGENT.NOT_FOUND', `No active agent ${expert.agentId}`);
    } else if (!(await this.directory.team(expert.teamId))) {
      return fail<CommandOutcome<string>>('TEAM.NOT_FOUND', `No team ${expert.teamId}`);
    }
    const target =
      'agentId' in expert
        ? { kind: 'agent' as const, agentId: expert.agentId }
        : { kind: 'team' as const, teamId: expert.teamId };
    const dueAt = input.dueAt ? new Date(input.dueAt) : null;
    return this.commands.run(
      ticketId,
      actor,
      (t, ctx) => t.requestAssist({ target, question: input.question, dueAt }, ctx),
      options,
    );
  }

  actOnAssist(assistId: string, action: AssistApiAction, input: TAssistActionBody, actor: Actor) {
    const ticketId = ticketIdOfAssist(assistId);
    if (!ticketId) return Promise.resolve(fail<CommandOutcome<void>>('ASSIST.NOT_FOUND', `No assist ${assistId}`));
    // Contributions only append; replaying them after a race is safe. State moves are not.
    return this.commands.run(
      ticketId,
      actor,
      (t, ctx) => t.actOnAssist(assistId, action, input.body ?? null, ctx, input.proposeReply),
      { retryOnConflict: action === 'contribute' },
    );
  }
}
