/**
 * The Valuemation adapter of the CmdbSource port: pages of the REST API (valuemation-api.ts)
 * translated by the mapping file (valuemation-mapping.ts). The page cursor is Valuemation's own
 * page token; Valuemation is master of its CIs and lists all of them on a full run, so CIs it no
 * longer lists are retired.
 */
import type {
  CmdbSource,
  SourceCi,
  SourcePage,
  SourcePageRequest,
  SourceRelation,
} from '../../../shared/ports/cmdb-source.js';
import type { ValuemationApi } from './valuemation-api.js';
import { type ValuemationMapping, valuemationExternalId } from './valuemation-mapping.js';

export class ValuemationSource implements CmdbSource {
  readonly id = 'valuemation';
  readonly origin = 'valuemation' as const;
  readonly completeListing = true;
  /** Valuemation stamps a record when its transaction starts: one still open may commit later. */
  readonly listingOverlapMs = 60_000;

  constructor(
    readonly api: ValuemationApi,
    private readonly mapping: ValuemationMapping,
  ) {}

  async readCis(request: SourcePageRequest): Promise<SourcePage<SourceCi>> {
    const page = await this.api.listCis(query(request));
    return {
      nextCursor: page.nextPageToken,
      items: page.items.map((item) =>
        item.ok
          ? this.mapping.ci(item.value)
          : {
              externalId: valuemationExternalId(item.id),
              modifiedAt: new Date(0).toISOString(),
              deleted: false,
              fields: {},
              problem: item.reason,
            },
      ),
    };
  }

  async readRelations(request: SourcePageRequest): Promise<SourcePage<SourceRelation>> {
    const page = await this.api.listRelations(query(request));
    return {
      nextCursor: page.nextPageToken,
      items: page.items.map((item) =>
        item.ok
          ? this.mapping.relation(item.value)
          : {
              externalId: `valuemation:${item.id}`,
              modifiedAt: new Date(0).toISOString(),
              deleted: false,
              type: null,
              fromExternalId: '',
              toExternalId: '',
              problem: item.reason,
            },
      ),
    };
  }
}

const query = (request: SourcePageRequest) => ({
  modifiedSince: request.modifiedSince,
  pageToken: request.cursor,
  pageSize: request.pageSize,
});
