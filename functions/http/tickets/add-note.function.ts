/** POST /api/tickets/{id}/timeline {body, visibility}: appends a note (retried on concurrent writes, never lost). */
import { ZAddNote } from '../../../shared/api/tickets.schemas.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { ticketCommand } from '../kit/ticket-command.js';

export const addNoteFunction: FunctionDefinition<Services> = {
  name: 'tickets-add-note',
  trigger: { type: 'http', route: 'tickets/{id}/timeline', methods: ['POST'] },
  handler: (s) => ticketCommand(s, ALL_ROLES, ZAddNote, (id, input, p, o) => s.tickets.addNote(id, input, p.actor, o)),
};
