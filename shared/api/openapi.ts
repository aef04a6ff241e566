/** Generates the OpenAPI 3.1 document from the route table and its zod schemas. */
import { z } from 'zod';
import { API_ROUTES } from './api-routes.js';
import { ZProblem } from './common.schemas.js';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const queryParameters = (schema: z.ZodType | undefined) => {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
};

export const buildOpenApiDocument = (version: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const path = `/api/${route.path}`;
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = {
      summary: route.summary,
      ...(route.auth ? { security: [{ dev: [] }, { staticWebApps: [] }] } : { security: [] }),
      parameters: [...pathParams, ...queryParameters(route.query)],
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } },
          }
        : {}),
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        default: {
          description: 'Problem',
          content: { 'application/problem+json': { schema: schemaOf(ZProblem, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ITIL-NEXT API', version },
    components: {
      securitySchemes: {
        dev: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Local only: `Dev <agent email>`' },
        staticWebApps: { type: 'apiKey', in: 'header', name: 'x-ms-client-principal' },
      },
    },
    paths,
  };
};
