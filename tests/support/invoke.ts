/**
 * Calls a catalog HTTP function the way the Functions host does: with a real HttpRequest and
 * InvocationContext from @azure/functions (constructible outside the host).
 */
import azf from '@azure/functions';
import type { FunctionDefinition } from '../../functions/catalog/function-definition.js';
import type { Services } from '../../functions/services.js';

const { HttpRequest, InvocationContext } = azf;

export interface InvokeOptions {
  readonly method?: string;
  readonly path?: string;
  readonly params?: Record<string, string>;
  readonly as?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export interface Invoked {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
  readonly text: string;
}

export async function invoke(
  definition: FunctionDefinition<Services>,
  services: Services,
  options: InvokeOptions = {},
): Promise<Invoked> {
  if (definition.trigger.type !== 'http') throw new Error(`${definition.name} is not an HTTP function`);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.as) headers.authorization = `Dev ${options.as}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const request = new HttpRequest({
    method: options.method ?? definition.trigger.methods[0] ?? 'GET',
    url: `http://localhost/api/${options.path ?? definition.trigger.route}`,
    headers,
    params: options.params ?? {},
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
  const context = new InvocationContext({ functionName: definition.name, invocationId: 'test' });
  const handler = (
    definition.handler as (s: Services) => (r: typeof request, c: typeof context) => Promise<azf.HttpResponseInit>
  )(services);
  const response = await handler(request, context);
  const text =
    typeof response.body === 'string'
      ? response.body
      : response.jsonBody !== undefined
        ? JSON.stringify(response.jsonBody)
        : '';
  return {
    status: response.status ?? 200,
    headers: new Headers(response.headers as Record<string, string> | undefined),
    json: text ? JSON.parse(text) : undefined,
    text,
  };
}
