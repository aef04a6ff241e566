/**
 * Benchmark: the local HTTP host with a trivial JSON handler against a bare node:http server
 * answering the same JSON, both driven by autocannon (32 connections) in a child process so the
 * load generator does not share the servers' event loop. Rounds alternate and the best of each
 * side counts, which damps noise from other work on the machine.
 * Run: `npx tsx infra/local/http-host.bench.ts [secondsPerRound] [rounds]`.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { FunctionDefinition, HttpHandler } from '../../functions/catalog/function-definition.js';
import { startHttpHost } from './http-host.js';

const seconds = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

interface Round {
  readonly rps: number;
  /** Server CPU microseconds per request: steadier than rps when other work shares the cores. */
  readonly cpuUsPerRequest: number;
}

async function measure(url: string): Promise<Round> {
  const cpuBefore = process.cpuUsage();
  const args = [autocannonBin, '-c', '32', '-d', String(seconds), '-j', url];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 10_000_000 });
  const result = JSON.parse(stdout) as { requests: { average: number }; non2xx: number };
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx responses`);
  const cpu = process.cpuUsage(cpuBefore);
  const total = result.requests.average * seconds;
  return { rps: result.requests.average, cpuUsPerRequest: (cpu.user + cpu.system) / total };
}

const catalog: FunctionDefinition<null>[] = [
  {
    name: 'ping',
    trigger: { type: 'http', route: 'tickets/{id}', methods: ['GET'] },
    handler: (): HttpHandler => async (request) => ({ jsonBody: { ok: true, id: request.params.id } }),
  },
];

const bare = createServer((_req, res) => {
  const text = JSON.stringify({ ok: true, id: '42' });
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/api/tickets/42`;
const host = await startHttpHost({ port: 0, catalog, services: null, log: () => {} });
const hostUrl = `${host.url}/api/tickets/42`;

let bare1: Round = { rps: 0, cpuUsPerRequest: Number.POSITIVE_INFINITY };
let host1: Round = { rps: 0, cpuUsPerRequest: Number.POSITIVE_INFINITY };
const best = (a: Round, b: Round): Round => ({
  rps: Math.max(a.rps, b.rps),
  cpuUsPerRequest: Math.min(a.cpuUsPerRequest, b.cpuUsPerRequest),
});
for (let i = 0; i < rounds; i++) {
  bare1 = best(bare1, await measure(bareUrl));
  host1 = best(host1, await measure(hostUrl));
}
const round = (n: number) => Number(n.toFixed(3));
console.log(
  JSON.stringify({
    bare: bare1,
    host: host1,
    rpsRatio: round(host1.rps / bare1.rps),
    cpuRatio: round(bare1.cpuUsPerRequest / host1.cpuUsPerRequest),
  }),
);
bare.close();
await host.close();
