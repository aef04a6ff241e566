/**
 * GET /api/admin/mailboxes and PUT /api/admin/mailboxes {mailbox, mode}: a support mailbox in
 * shadow mode (parallel run, ADR 0036) ingests and threads but sends no customer mail; switching it
 * to live is this one setting and sends nothing that was held. A mode is a setting, not a record
 * two admins edit together: the last one set wins (no If-Match).
 */
import { ZSetMailboxMode } from '../../../shared/api/mail.schemas.js';
import { actorRef } from '../../../shared/kernel/actor.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ADMIN_ONLY } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { readJson } from '../kit/request.js';
import { json } from '../kit/respond.js';

export const listMailboxModesFunction: FunctionDefinition<Services> = {
  name: 'admin-mailboxes',
  trigger: { type: 'http', route: 'admin/mailboxes', methods: ['GET'] },
  handler: (s) => authed(s, ADMIN_ONLY, async () => json(200, { items: await s.mail.modes.list() })),
};

export const setMailboxModeFunction: FunctionDefinition<Services> = {
  name: 'admin-mailboxes-set',
  trigger: { type: 'http', route: 'admin/mailboxes', methods: ['PUT'] },
  handler: (s) =>
    authed(s, ADMIN_ONLY, async (request, principal) => {
      const input = await readJson(request, ZSetMailboxMode);
      if (!input.ok) return input.response;
      return json(200, await s.mail.modes.set(input.value.mailbox, input.value.mode, actorRef(principal.actor)));
    }),
};
