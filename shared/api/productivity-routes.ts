/** Agent productivity's routes of the API description (issue 18), spread into API_ROUTES. */
import { z } from 'zod';
import type { ApiRoute } from './api-routes.js';
import { ZBulkJob, ZStartBulkRequest } from './bulk.schemas.js';
import { page } from './common.schemas.js';
import {
  ZApplyMacro,
  ZApplyMacroResponse,
  ZCreateMacro,
  ZListMacrosQuery,
  ZMacro,
  ZMacroPreview,
  ZPlaceholders,
  ZPreviewMacro,
  ZUpdateMacro,
} from './macros.schemas.js';
import { ZCreateTicketTemplate, ZTicketTemplate, ZUpdateTicketTemplate } from './ticket-templates.schemas.js';

export const PRODUCTIVITY_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: 'ticket-templates',
    summary: 'Ticket templates for the new-ticket form (all=true: inactive ones too)',
    auth: true,
    query: z.strictObject({ all: z.enum(['true', 'false']).optional() }),
    response: page(ZTicketTemplate),
  },
  {
    method: 'POST',
    path: 'ticket-templates',
    summary: 'Create a ticket template (leads and admins)',
    auth: true,
    body: ZCreateTicketTemplate,
    response: ZTicketTemplate,
    status: 201,
  },
  {
    method: 'PATCH',
    path: 'ticket-templates/{id}',
    summary: 'Change a ticket template (leads and admins; If-Match)',
    auth: true,
    body: ZUpdateTicketTemplate,
    response: ZTicketTemplate,
  },
  {
    method: 'DELETE',
    path: 'ticket-templates/{id}',
    summary: 'Delete a ticket template (leads and admins)',
    auth: true,
    response: z.null(),
    status: 204,
  },
  {
    method: 'GET',
    path: 'macros',
    summary: 'The macros I may use (personal, my teams, shared), most used first; q searches name and text',
    auth: true,
    query: ZListMacrosQuery,
    response: page(ZMacro),
  },
  {
    method: 'GET',
    path: 'macros/placeholders',
    summary: 'The placeholders a macro text can use',
    auth: true,
    response: ZPlaceholders,
  },
  {
    method: 'POST',
    path: 'macros',
    summary: 'Create a macro (personal: anyone; team: its leads and admins; shared: leads and admins)',
    auth: true,
    body: ZCreateMacro,
    response: ZMacro,
    status: 201,
  },
  {
    method: 'POST',
    path: 'macros/preview',
    summary: 'Render a macro (or a draft text) on a ticket and list what its actions would change; writes nothing',
    auth: true,
    body: ZPreviewMacro,
    response: ZMacroPreview,
  },
  { method: 'GET', path: 'macros/{id}', summary: 'One macro (ETag)', auth: true, response: ZMacro },
  {
    method: 'PATCH',
    path: 'macros/{id}',
    summary: 'Change a macro (If-Match)',
    auth: true,
    body: ZUpdateMacro,
    response: ZMacro,
  },
  { method: 'DELETE', path: 'macros/{id}', summary: 'Delete a macro', auth: true, response: z.null(), status: 204 },
  {
    method: 'POST',
    path: 'macros/{id}/apply',
    summary: 'Apply a macro to a ticket: its text as a reply or note and its actions, in one change (never the owner)',
    auth: true,
    body: ZApplyMacro,
    response: ZApplyMacroResponse,
  },
  {
    method: 'POST',
    path: 'bulk/jobs',
    summary:
      'Run one action over up to 1,000 tickets (by id, or all a list filter matches) as a job; each ticket through its own rules',
    auth: true,
    body: ZStartBulkRequest,
    response: ZBulkJob,
    status: 202,
  },
  {
    method: 'GET',
    path: 'bulk/jobs/{id}',
    summary: "A bulk job's progress and each ticket's outcome (done, or refused with the reason)",
    auth: true,
    response: ZBulkJob,
  },
];
