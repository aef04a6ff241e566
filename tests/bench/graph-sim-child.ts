/**
 * The Graph simulator in a process of its own, for the webhook benchmark: in production Graph is
 * remote, so its work must not run on the function host's event loop. Prints `{"url": ...}` once
 * listening and exits when its stdin closes.
 */
import { startGraphSimulator } from '../simulators/graph/graph-simulator.js';

const sim = await startGraphSimulator({ token: process.argv[2] ?? 'bench-graph-token' });
process.stdout.write(`${JSON.stringify({ url: sim.url })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void sim.close().then(() => process.exit(0));
});
