import { benchMailIngest } from './mail-ingest.bench.js';

const { Session } = await import('node:inspector/promises');
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const r = await benchMailIngest(2000);
const { profile } = await session.post('Profiler.stop');
console.log(JSON.stringify({ ingest: r.ingestPerSec, parse: r.parseOnlyPerSec }));
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<string, number>();
const incl = new Map<string, number>();
const name = (n: any) =>
  `${n.callFrame.functionName} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
(profile.samples ?? []).forEach((s: number, i: number) => {
  const dt = (profile.timeDeltas ?? [])[i] ?? 0;
  const n: any = byId.get(s);
  self.set(name(n), (self.get(name(n)) ?? 0) + dt);
  const seen = new Set<string>();
  let cur: number | undefined = s;
  while (cur !== undefined) {
    const k = name(byId.get(cur));
    if (!seen.has(k)) {
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
    cur = parent.get(cur);
  }
});
console.log('--- self');
[...self.entries()]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 16)
  .forEach(([k, t]) => console.log((t / 1000).toFixed(1).padStart(8), k));
console.log('--- inclusive');
[...incl.entries()]
  .filter(([k]) => k.includes('.ts'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 40)
  .forEach(([k, t]) => console.log((t / 1000).toFixed(1).padStart(8), k));
