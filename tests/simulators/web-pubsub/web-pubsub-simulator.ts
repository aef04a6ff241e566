/**
 * An Azure Web PubSub stand-in on a local port, speaking the service's wire formats so the real
 * `@azure/web-pubsub` SDK (server side) and a browser's WebSocket (client side) work against it:
 * - REST `POST /api/hubs/{hub}/groups/{group}/:send` and `POST /api/hubs/{hub}/:send`, each with
 *   a bearer JWT signed (HS256) with the access key for the request URL, answering 202;
 * - WebSocket `/client/hubs/{hub}?access_token=<JWT>` with the `json.webpubsub.azure.v1`
 *   subprotocol: the `connected` system message, `joinGroup`/`leaveGroup` with acks (refused
 *   without the `webpubsub.joinLeaveGroup[.<group>]` role), groups from the token's
 *   `webpubsub.group` claims, and server messages as `{type: 'message', from: 'server', ...}`.
 * Not simulated: event handlers (upstream webhooks), connection/user management APIs, MQTT,
 * Socket.IO. `GET /_sim/connections` lists connections and their groups (tests).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { WebSocket, WebSocketServer } from 'ws';

const SUBPROTOCOL = 'json.webpubsub.azure.v1';

interface Connection {
  readonly id: string;
  readonly userId: string | null;
  readonly hub: string;
  readonly roles: readonly string[];
  readonly groups: Set<string>;
  readonly socket: WebSocket;
}

export interface WebPubSubSimulator {
  readonly endpoint: string;
  readonly accessKey: string;
  readonly connectionString: string;
  /** REST calls received, in order (tests). */
  readonly sent: { hub: string; group: string | null; contentType: string; body: string }[];
  connections(): { id: string; userId: string | null; groups: string[] }[];
  close(): Promise<void>;
}

export async function startWebPubSubSimulator(options: { port?: number } = {}): Promise<WebPubSubSimulator> {
  const accessKey = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '');
  const secret = new TextEncoder().encode(accessKey);
  const connections = new Map<string, Connection>();
  const sent: WebPubSubSimulator['sent'] = [];
  let endpoint = '';

  const verify = async (token: string, audience: (aud: string) => boolean) => {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    if (typeof aud !== 'string' || !audience(aud)) throw new Error(`audience ${aud} is not this endpoint`);
    return payload;
  };

  const answer = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const deliver = (hub: string, group: string | null, contentType: string, body: string) => {
    const dataType = contentType.startsWith('application/json')
      ? 'json'
      : contentType.startsWith('text/')
        ? 'text'
        : 'binary';
    const data =
      dataType === 'json' ? JSON.parse(body) : dataType === 'text' ? body : Buffer.from(body).toString('base64');
    const frame = JSON.stringify({ type: 'message', from: 'server', dataType, data });
    for (const c of connections.values())
      if (c.hub === hub && (group === null || c.groups.has(group)) && c.socket.readyState === WebSocket.OPEN)
        c.socket.send(frame);
  };

  const rest = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname === '/_sim/connections') return answer(res, 200, simulator.connections());
    const match = /^\/api\/hubs\/([^/]+)(?:\/groups\/([^/]+))?\/:send$/.exec(url.pathname);
    if (!match || req.method !== 'POST')
      return answer(res, 404, { code: 'NotFound', message: `${req.method} ${url.pathname}` });
    if (!url.searchParams.get('api-version'))
      return answer(res, 400, { code: 'InvalidRequest', message: 'api-version is required' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    try {
      if (!bearer) throw new Error('no bearer token');
      await verify(bearer, (aud) => aud.startsWith(`${endpoint}/api/hubs/`));
    } catch (error) {
      return answer(res, 401, { code: 'Unauthorized', message: (error as Error).message });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const contentType = req.headers['content-type'] ?? 'application/octet-stream';
    if (contentType.startsWith('application/json'))
      try {
        JSON.parse(body);
      } catch {
        return answer(res, 400, { code: 'InvalidRequest', message: 'the body is not JSON' });
      }
    const hub = decodeURIComponent(match[1] ?? '').toLowerCase();
    const group = match[2] === undefined ? null : decodeURIComponent(match[2]);
    sent.push({ hub, group, contentType, body });
    deliver(hub, group, contentType, body);
    return answer(res, 202);
  };

  const server = createServer((req, res) => {
    void rest(req, res, new URL(req.url ?? '/', 'http://localhost')).catch(() =>
      answer(res, 500, { code: 'InternalServerError' }),
    );
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hub = /^\/client\/hubs\/([^/]+)\/?$/.exec(url.pathname)?.[1]?.toLowerCase();
    const token = url.searchParams.get('access_token') ?? '';
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (!hub) return refuse(404, 'Not Found');
    verify(
      token,
      (aud) => aud.replace(/\/$/, '').toLowerCase() === `${endpoint}/client/hubs/${hub}`.toLowerCase(),
    ).then(
      (claims) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
          const c: Connection = {
            id: randomUUID(),
            userId: typeof claims.sub === 'string' ? claims.sub : null,
            hub,
            roles: list(claims.role),
            groups: new Set(list(claims['webpubsub.group'])),
            socket: ws,
          };
          connections.set(c.id, c);
          ws.send(JSON.stringify({ type: 'system', event: 'connected', userId: c.userId, connectionId: c.id }));
          ws.on('message', (raw) => onClientMessage(c, raw.toString()));
          ws.on('close', () => connections.delete(c.id));
        }),
      () => refuse(401, 'Unauthorized'),
    );
  });

  const onClientMessage = (c: Connection, raw: string) => {
    let message: { type?: string; group?: string; ackId?: number };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (message.type !== 'joinGroup' && message.type !== 'leaveGroup') return;
    const group = message.group ?? '';
    const allowed =
      c.roles.includes('webpubsub.joinLeaveGroup') || c.roles.includes(`webpubsub.joinLeaveGroup.${group}`);
    if (allowed && group) {
      if (message.type === 'joinGroup') c.groups.add(group);
      else c.groups.delete(group);
    }
    if (message.ackId === undefined) return;
    c.socket.send(
      JSON.stringify(
        allowed && group
          ? { type: 'ack', ackId: message.ackId, success: true }
          : {
              type: 'ack',
              ackId: message.ackId,
              success: false,
              error: { name: 'Forbidden', message: `not allowed to ${message.type} ${group}` },
            },
      ),
    );
  };

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const simulator: WebPubSubSimulator = {
    endpoint,
    accessKey,
    connectionString: `Endpoint=${endpoint};AccessKey=${accessKey};Version=1.0;`,
    sent,
    connections: () => [...connections.values()].map((c) => ({ id: c.id, userId: c.userId, groups: [...c.groups] })),
    close: async () => {
      for (const c of connections.values()) c.socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}
