/** The email channel's functions (issue 3, SMTP side), spread into the catalog. */
import { devOutboxFunction } from '../http/mail/dev-outbox.function.js';
import { getAttachmentFunction } from '../http/mail/get-attachment.function.js';
import { listQuarantineFunction } from '../http/mail/list-quarantine.function.js';
import { listTicketSendsFunction } from '../http/mail/list-ticket-sends.function.js';
import { listMailboxModesFunction, setMailboxModeFunction } from '../http/mail/mailbox-modes.functions.js';
import { quarantineRawFunction } from '../http/mail/quarantine-raw.function.js';
import { reprocessQuarantineFunction } from '../http/mail/reprocess-quarantine.function.js';
import { inboundMailFunction } from '../queues/inbound-mail.function.js';
import { outboundMailFunction } from '../queues/outbound-mail.function.js';
import type { Services } from '../services.js';
import type { FunctionDefinition } from './function-definition.js';

export const MAIL_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  getAttachmentFunction,
  listTicketSendsFunction,
  listQuarantineFunction,
  quarantineRawFunction,
  reprocessQuarantineFunction,
  devOutboxFunction,
  listMailboxModesFunction,
  setMailboxModeFunction,
  inboundMailFunction,
  outboundMailFunction,
];
