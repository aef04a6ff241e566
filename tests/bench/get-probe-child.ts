/**
 * Child process of bulk.bench.ts: `connections` loops each GET one ticket (spread over the URLs)
 * every `intervalMs` (or right after the previous answer when that came late) for `seconds`, and prints every request's start time (epoch ms) and latency, so
 * the parent can take the percentiles of the requests made while a bulk job ran. In its own
 * process, so the server's event loop cannot delay the clock that times it.
 */
const spec = JSON.parse(process.argv[2] as string) as {
  urls: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  intervalMs: number;
};
const until = Date.now() + spec.seconds * 1_000;
const samples: [number, number][] = [];
let errors = 0;
let next = 0;

async function loop(): Promise<void> {
  let due = performance.now() + Math.random() * spec.intervalMs;
  while (Date.now() < until) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    due = Math.max(due + spec.intervalMs, performance.now());
    const url = spec.urls[next++ % spec.urls.length] as string;
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await fetch(url, { headers: spec.headers });
      await response.arrayBuffer();
      if (!response.ok) errors++;
    } catch {
      errors++;
    }
    samples.push([at, performance.now() - started]);
  }
}

await Promise.all(Array.from({ length: spec.connections }, loop));
console.log(JSON.stringify({ samples, errors }));
