/**
 * The rules every installation starts with (the demo seed saves them): P1 incidents go to the
 * major-incident team and its lead hears about it; an overdue assist warns its owner and
 * expert; a ticket that arrives without an owner is routed by skills within its team.
 */
import type { TRuleInput } from './rule-schema.js';

export const DEFAULT_RULES: readonly TRuleInput[] = [
  {
    name: 'P1 incidents to Major Incident',
    description: 'Critical incidents go to the major-incident team (routed there) and its lead is told.',
    stopProcessing: true,
    trigger: { kind: 'event', events: ['ticket.created', 'ticket.updated'] },
    conditions: {
      all: [
        { field: 'ticket.type', op: 'equals', value: 'incident' },
        { field: 'ticket.priority', op: 'equals', value: 'P1' },
        { field: 'ticket.ownerId', op: 'is_empty' },
        { field: 'ticket.teamId', op: 'not_equals', value: 'major-incident' },
      ],
    },
    actions: [
      { type: 'set_fields', teamId: 'major-incident' },
      { type: 'route', teamId: 'major-incident' },
      {
        type: 'notify',
        to: ['lead'],
        template: {
          subject: 'P1 {{ticket.number}}: {{ticket.title}}',
          body: 'A critical incident was routed to Major Incident: {{ticket.number}} {{ticket.title}}.',
        },
      },
    ],
  },
  {
    name: 'Overdue assist warning',
    description: 'When an assist passes its due time, its owner and its expert are warned.',
    trigger: { kind: 'event', events: ['assist.timed_out'] },
    actions: [
      {
        type: 'notify',
        to: ['owner', 'expert'],
        template: {
          subject: 'Assist overdue on {{ticket.number}}',
          body: 'The assist "{{assist.question}}" on {{ticket.number}} was due {{assist.dueAt}}.',
        },
      },
    ],
  },
  {
    name: 'Auto-route unassigned tickets',
    description: 'A new ticket without an owner is routed by skills within its team.',
    trigger: { kind: 'event', events: ['ticket.created'] },
    conditions: {
      all: [
        { field: 'ticket.ownerId', op: 'is_empty' },
        { field: 'ticket.teamId', op: 'is_not_empty' },
      ],
    },
    actions: [{ type: 'route' }],
  },
];
