/** Child process of load-generator.ts: drives autocannon, spreading requests over the given URLs. */
import autocannon from 'autocannon';
import type { LoadSpec } from './load-generator.js';

const spec = JSON.parse(process.argv[2] as string) as LoadSpec;
const first = new URL(spec.urls[0] as string);
let next = 0;
const result = await autocannon({
  url: first.origin,
  connections: spec.connections,
  duration: spec.seconds,
  requests: [
    {
      method: spec.method ?? 'GET',
      headers: spec.headers ?? {},
      ...(spec.body ? { body: spec.body } : {}),
      setupRequest: ((request: Record<string, unknown>) => {
        const url = new URL(spec.urls[next++ % spec.urls.length] as string);
        return { ...request, path: url.pathname + url.search };
      }) as never,
    },
  ],
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  }),
);
