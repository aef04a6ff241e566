/**
 * The local host's live event stream (LIVE_PROVIDER=local, ADR 0027): `GET /api/live/stream
 * ?access_token=<from /api/live/negotiate>&group=tickets&group=ticket.<id>` answers with
 * server-sent events, one `data:` line of JSON per message of those groups, and a comment every
 * 25 s so proxies and browsers keep the connection. The browser reconnects with other groups when
 * it opens another screen. A bad token is a 401 problem, a bad group a 422 (EventSource then stops).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOCAL_STREAM_PATH, type LocalLiveHub } from '../../functions/adapters/live/local-live-hub.js';
import { LIVE_GROUP_PATTERN } from '../../shared/ports/live-channel.js';
import { writeProblem } from './http-response.js';

const KEEP_ALIVE_MS = 25_000;
const MAX_GROUPS = 10;

export function liveStreamRoute(
  hub: LocalLiveHub,
): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  return {
    [LOCAL_STREAM_PATH]: (req, res) => {
      if (req.method !== 'GET') {
        writeProblem(res, 405, 'REQUEST.METHOD_NOT_ALLOWED', 'Use GET.', { allow: 'GET' });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const agentId = hub.agentOf(url.searchParams.get('access_token') ?? '', new Date());
      if (!agentId) {
        writeProblem(
          res,
          401,
          'AUTH.UNAUTHENTICATED',
          'The live token is missing, forged or expired: negotiate again.',
        );
        return;
      }
      const groups = [...new Set(url.searchParams.getAll('group'))];
      const bad = groups.find((g) => !LIVE_GROUP_PATTERN.test(g));
      if (groups.length === 0 || groups.length > MAX_GROUPS || bad !== undefined) {
        const detail =
          bad !== undefined
            ? `${JSON.stringify(bad.slice(0, 120))} is not a live group`
            : `give 1 to ${MAX_GROUPS} groups`;
        writeProblem(res, 422, 'REQUEST.VALIDATION_FAILED', detail);
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      const unsubscribe = hub.subscribe(groups, (group, message) => {
        res.write(`data: ${JSON.stringify({ group, ...message })}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      const end = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      req.socket.setTimeout(0);
      res.once('close', end);
    },
  };
}
