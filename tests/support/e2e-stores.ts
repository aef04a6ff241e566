/**
 * The platform switch of the end-to-end layer: every API, mail and browser end-to-end test runs
 * once per document store, SQLite (the local default) and Cosmos DB (the simulator in
 * tests/simulators/cosmos, started by the test itself, driven by the real SDK). `E2E_STORES=sqlite`
 * (or `cosmos`) narrows a local run to one; `npm test` runs both.
 *
 * Where the simulator cannot do what Cosmos does, tests name the gap: its batch is not atomic
 * (a conflict half-way can leave earlier operations applied, so tests of batch atomicity live in
 * the contract suite, which skips them there by name), it has no change feed and no TTL (the
 * product uses neither), and it charges 1 RU for everything.
 */
export type E2EStore = 'sqlite' | 'cosmos';

const ALL: readonly E2EStore[] = ['sqlite', 'cosmos'];

export const E2E_STORES: readonly E2EStore[] = (() => {
  const wanted = process.env.E2E_STORES?.split(',').map((s) => s.trim());
  if (!wanted || wanted.length === 0 || wanted[0] === '') return ALL;
  const unknown = wanted.filter((s) => !(ALL as string[]).includes(s));
  if (unknown.length > 0) throw new Error(`E2E_STORES: unknown store ${unknown.join(', ')} (use sqlite, cosmos)`);
  return ALL.filter((s) => wanted.includes(s));
})();
