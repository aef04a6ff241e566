/**
 * Child process of graph-webhook.bench.ts: fires a burst of prepared requests with bounded
 * concurrency (like Graph delivering a backlog in parallel) and prints each answer's time in ms,
 * so the load generator never shares the server's event loop.
 */
interface BurstSpec {
  readonly requests: readonly { url: string; method: string; body?: string; contentType?: string }[];
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

const times: number[] = [];
const statuses: Record<string, number> = {};
let next = 0;
const started = performance.now();
async function worker(): Promise<void> {
  while (next < spec.requests.length) {
    const r = spec.requests[next++] as BurstSpec['requests'][number];
    const t0 = performance.now();
    const response = await fetch(r.url, {
      method: r.method,
      ...(r.body ? { body: r.body, headers: { 'content-type': r.contentType ?? 'application/json' } } : {}),
    });
    await response.arrayBuffer();
    times.push(performance.now() - t0);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: spec.concurrency }, worker));
console.log(JSON.stringify({ times, statuses, totalMs: performance.now() - started }));
