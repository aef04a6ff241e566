/** The response of every command that changes a ticket: the ticket as it is now, with its ETag. */
import type { HttpResponseInit } from '@azure/functions';
import type { Result } from '../../../shared/kernel/result.js';
import type { CommandOutcome } from '../../../shared/use-cases/ticket-commands.js';
import { toTicketDto } from '../../../shared/use-cases/ticket-queries.js';
import { fromResult, json } from './respond.js';

export const ticketResponse = <T>(result: Result<CommandOutcome<T>>, status = 200): HttpResponseInit =>
  fromResult(result, (outcome) => json(status, toTicketDto(outcome.ticket, outcome.sla), outcome.etag));
