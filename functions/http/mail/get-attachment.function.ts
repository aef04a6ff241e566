/** GET /api/attachments/{id}: an email attachment, served safely (see attachment-response.ts). */
import { attachmentBlobKey } from '../../../shared/mail/inbound-content.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { ALL_ROLES } from '../kit/auth.js';
import { authed } from '../kit/endpoint.js';
import { problem } from '../kit/problem.js';
import { readId } from '../kit/request.js';
import { fileResponse } from './attachment-response.js';

export const getAttachmentFunction: FunctionDefinition<Services> = {
  name: 'mail-attachment',
  trigger: { type: 'http', route: 'attachments/{id}', methods: ['GET'] },
  handler: (s) =>
    authed(s, ALL_ROLES, async (request) => {
      const id = readId(request);
      if (!id.ok) return id.response;
      if (!id.value.startsWith('att_')) return problem('REQUEST.NOT_FOUND', `No attachment ${id.value}`);
      const blob = await s.mail.blobs.get(attachmentBlobKey(id.value));
      if (!blob) return problem('REQUEST.NOT_FOUND', `No attachment ${id.value}`);
      return fileResponse(blob.content, blob.contentType, blob.filename ?? id.value);
    }),
};
