/** GET /api/openapi.json: the OpenAPI document generated from the zod schemas. */
import { buildOpenApiDocument } from '../../../shared/api/openapi.js';
import type { FunctionDefinition } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { json } from '../kit/respond.js';

export const openApiFunction: FunctionDefinition<Services> = {
  name: 'openapi',
  trigger: { type: 'http', route: 'openapi.json', methods: ['GET'] },
  handler: (s) => {
    const document = buildOpenApiDocument(s.info.version);
    return async () => json(200, document);
  },
};
