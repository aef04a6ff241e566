/**
 * Opens a migration source from what an admin entered on the migrations page (issue 20): the
 * Zendesk or Zammad REST API with its credentials, or an uploaded generic-format document whose
 * attachments are inline (an upload has no folder to read files from).
 */
import type { TMigrationSourceSpec } from '../../../shared/api/migration.schemas.js';
import { GenericSource, parseGenericDocument } from '../../../shared/migration/generic-format.js';
import type { SourceOpener } from '../../../shared/migration/migration-jobs.js';
import type { MigrationSource } from '../../../shared/migration/migration-source.js';
import { ZammadSource } from './zammad-source.js';
import { ZendeskSource } from './zendesk-source.js';

export const sourceOpener: SourceOpener = {
  open(spec: TMigrationSourceSpec): MigrationSource {
    if (spec.from === 'zendesk') return new ZendeskSource({ url: spec.url, email: spec.email, token: spec.token });
    if (spec.from === 'zammad') return new ZammadSource({ url: spec.url, token: spec.token });
    const doc = parseGenericDocument(JSON.parse(spec.content));
    if (!doc.ok) throw new Error(`the file does not fit the generic format: ${doc.issues.slice(0, 5).join('; ')}`);
    return new GenericSource(doc.value, async (path) => {
      throw new Error(
        `${path}: an uploaded file carries its attachments inline (base64); use npm run migrate for a folder`,
      );
    });
  },
};
