/** ELK in a Web Worker for the browser: loaded only by the dependency view (a dynamic import). */
import ELK from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { GraphLayouter } from './dependency-layout';

let elk: GraphLayouter | null = null;
export const browserElk = (): GraphLayouter => {
  elk ??= new ELK({ workerUrl });
  return elk;
};
