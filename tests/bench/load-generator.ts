/**
 * Runs autocannon in a child process (so the load generator does not share the server's event
 * loop) against one or more URLs, and returns its JSON result. Used by the HTTP benchmarks.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface LoadSpec {
  readonly urls: readonly string[];
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly total: number;
}

export async function generateLoad(spec: LoadSpec): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./load-child.ts', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, JSON.stringify(spec)], {
    maxBuffer: 50_000_000,
  });
  return JSON.parse(stdout) as LoadResult;
}
