/**
 * Agents and teams as admins edit them (ADR 0028): GET one with its ETag, POST to create, PUT to
 * replace with If-Match (412 when someone else saved first). A team's body carries its members.
 */
import type { HttpRequest } from '@azure/functions';
import { ZAgentInput, ZTeamInput } from '../../../shared/api/directory.schemas.js';
import type { FunctionDefinition, HttpHandler } from '../../catalog/function-definition.js';
import type { Services } from '../../services.js';
import { authed } from '../kit/endpoint.js';
import { ifMatchOf, readId, readJson } from '../kit/request.js';
import { fromResult, json } from '../kit/respond.js';

const ADMINS = ['admin'] as const;
type Handler = (services: Services) => HttpHandler;

/** One handler shape for the six routes: the id (when routed by one), the body (when written), the call. */
const endpoint =
  <T>(
    call: (
      s: Services,
      id: string | null,
      body: T | null,
      request: HttpRequest,
    ) => Promise<Parameters<typeof fromResult>[0]>,
    options: { id: boolean; body?: typeof ZAgentInput | typeof ZTeamInput; created?: boolean },
  ): Handler =>
  (s) =>
    authed(s, ADMINS, async (request) => {
      const id = options.id ? readId(request) : null;
      if (id && !id.ok) return id.response;
      const body = options.body ? await readJson(request, options.body) : null;
      if (body && !body.ok) return body.response;
      const result = await call(s, id?.value ?? null, (body?.value ?? null) as T | null, request);
      return fromResult(result, (v) => {
        const { doc, team, etag } = v as { doc?: unknown; team?: unknown; etag: string };
        return json(options.created ? 201 : 200, doc ?? team, etag);
      });
    });

type Admin = Services['directoryAdmin'];
type Call = (
  admin: Admin,
  id: string,
  body: never,
  ifMatch: string | undefined,
) => Promise<Parameters<typeof fromResult>[0]>;

/** GET one, POST to create, PUT to replace, for `agents` or `teams`. */
const crudFunctions = (
  kind: 'agents' | 'teams',
  body: typeof ZAgentInput | typeof ZTeamInput,
  calls: { get: Call; create: Call; update: Call },
): FunctionDefinition<Services>[] => [
  {
    name: `${kind}-get`,
    trigger: { type: 'http', route: `${kind}/{id}`, methods: ['GET'] },
    handler: endpoint((s, id) => calls.get(s.directoryAdmin, id as string, undefined as never, undefined), {
      id: true,
    }),
  },
  {
    name: `${kind}-create`,
    trigger: { type: 'http', route: kind, methods: ['POST'] },
    handler: endpoint((s, _id, b) => calls.create(s.directoryAdmin, '', b as never, undefined), {
      id: false,
      body,
      created: true,
    }),
  },
  {
    name: `${kind}-update`,
    trigger: { type: 'http', route: `${kind}/{id}`, methods: ['PUT'] },
    handler: endpoint(
      (s, id, b, request) => calls.update(s.directoryAdmin, id as string, b as never, ifMatchOf(request)),
      {
        id: true,
        body,
      },
    ),
  },
];

export const DIRECTORY_ADMIN_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  ...crudFunctions('agents', ZAgentInput, {
    get: (a, id) => a.agent(id),
    create: (a, _id, b) => a.createAgent(b),
    update: (a, id, b, ifMatch) => a.updateAgent(id, b, ifMatch),
  }),
  ...crudFunctions('teams', ZTeamInput, {
    get: (a, id) => a.team(id),
    create: (a, _id, b) => a.createTeam(b),
    update: (a, id, b, ifMatch) => a.updateTeam(id, b, ifMatch),
  }),
];
