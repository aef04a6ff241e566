/**
 * Frozen copy of the container definitions as migration 7 left them: migration 6's containers (the CMDB),
 * the tickets' recorded customer facts indexed (a contact's and a company's tickets newest first,
 * tickets waiting for a CRM answer) and the `customers` container (contacts, companies, their
 * lookup keys, the CRM cache). Never edit.
 */
import type { ContainerDefinition, IndexedField } from '../../../shared/storage/containers.js';
import { CONTAINERS_V6 } from './schema-v6.js';

const text = (path: string, docType?: string): IndexedField => ({
  path,
  kind: 'text',
  ...(docType ? { docType } : {}),
});
const asc = (path: string) => ({ path, direction: 'asc' as const });
const desc = (path: string) => ({ path, direction: 'desc' as const });

export const CONTAINERS_V7: readonly ContainerDefinition[] = [
  ...CONTAINERS_V6.map((def) =>
    def.name === 'tickets'
      ? {
          ...def,
          indexedFields: [
            ...def.indexedFields,
            text('customer.contactId', 'ticket'),
            text('customer.companyId', 'ticket'),
            text('customer.enrichment', 'ticket'),
          ],
          compositeIndexes: [
            ...def.compositeIndexes,
            [asc('docType'), asc('customer.contactId'), desc('createdAt')],
            [asc('docType'), asc('customer.companyId'), desc('createdAt')],
          ],
        }
      : def,
  ),
  {
    name: 'customers',
    partitionKeyPath: '/pk',
    indexedFields: [
      text('docType'),
      text('nameKey'),
      text('companyId', 'contact'),
      text('tier', 'company'),
      text('crmId', 'company'),
      text('crmContactId', 'crm-contact'),
      text('crmCompanyId', 'crm-contact'),
    ],
    compositeIndexes: [[asc('docType'), asc('nameKey')]],
  },
];
