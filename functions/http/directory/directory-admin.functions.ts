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

type AgentBody = Parameters<Services['directoryAdmin']['createAgent']>[0];
type TeamBody = Parameters<Services['directoryAdmin']['createTeam']>[0];

export const DIRECTORY_ADMIN_FUNCTIONS: readonly FunctionDefinition<Services>[] = [
  {
    name: 'agents-get',
    trigger: { type: 'http', route: 'agents/{id}', methods: ['GET'] },
    handler: endpoint((s, id) => s.directoryAdmin.agent(id as string), { id: true }),
  },
  {
    name: 'agents-create',
    trigger: { type: 'http', route: 'agents', methods: ['POST'] },
    handler: endpoint<AgentBody>((s, _id, body) => s.directoryAdmin.createAgent(body as AgentBody), {
      id: false,
      body: ZAgentInput,
      created: true,
    }),
  },
  {
    name: 'agents-update',
    trigger: { type: 'http', route: 'agents/{id}', methods: ['PUT'] },
    handler: endpoint<AgentBody>(
      (s, id, body, request) => s.directoryAdmin.updateAgent(id as string, body as AgentBody, ifMatchOf(request)),
      { id: true, body: ZAgentInput },
    ),
  },
  {
    name: 'teams-get',
    trigger: { type: 'http', route: 'teams/{id}', methods: ['GET'] },
    handler: endpoint((s, id) => s.directoryAdmin.team(id as string), { id: true }),
  },
  {
    name: 'teams-create',
    trigger: { type: 'http', route: 'teams', methods: ['POST'] },
    handler: endpoint<TeamBody>((s, _id, body) => s.directoryAdmin.createTeam(body as TeamBody), {
      id: false,
      body: ZTeamInput,
      created: true,
    }),
  },
  {
    name: 'teams-update',
    trigger: { type: 'http', route: 'teams/{id}', methods: ['PUT'] },
    handler: endpoint<TeamBody>(
      (s, id, body, request) => s.directoryAdmin.updateTeam(id as string, body as TeamBody, ifMatchOf(request)),
      { id: true, body: ZTeamInput },
    ),
  },
];
