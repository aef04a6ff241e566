/**
 * Child process of graph-webhook.bench.ts: fires a burst of prepared requests with bounded
 * concurrency (like Graph delivering a backlog in parallel) and prints each answer's time in ms,
 * so the load generator never shares the server's event loop. The `warmUp` requests go first,
 * untimed, on the same connections: Graph's sender is a long-running service with open
 * connections, while this process starts cold (measured: its first 50-100 requests took 250-530
 * ms, for the client's own start-up).
 */
type Request = { url: string; method: string; body?: string; contentType?: string; headers?: Record<string, string> };

interface BurstSpec {
  readonly requests: readonly Request[];
  readonly warmUp?: readonly Request[];
  readonly concurrency: number;
}

const spec = JSON.parse(
  await new Promise<string>((resolve) => {
    let text = '';
    process.stdin.on('data', (c) => {
      text += c;
    });
    process.stdin.on('end', () => resolve(text));
  }),
) as BurstSpec;

const send = async (r: Request): Promise<Response> => {
  const response = await fetch(r.url, {
    method: r.method,
    headers: { ...(r.body ? { 'content-type': r.contentType ?? 'application/json' } : {}), ...r.headers },
    ...(r.body ? { body: r.body } : {}),
  });
  await response.arrayBuffer();
  return response;
};

/** Sends `requests` with `spec.concurrency` in flight, calling `each` with every answer's time. */
async function run(requests: readonly Request[], each: (ms: number, status: number) => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++] as Request;
      const t0 = performance.now();
      const response = await send(r);
      each(performance.now() - t0, response.status);
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, worker));
}

await run(spec.warmUp ?? [], () => {});
const times: number[] = [];
const statuses: Record<string, number> = {};
const started = performance.now();
await run(spec.requests, (ms, status) => {
  times.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
console.log(JSON.stringify({ times, statuses, totalMs: performance.now() - started }));
