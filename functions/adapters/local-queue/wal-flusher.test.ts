import { describe, expect, it } from 'vitest';
import { WalFlusher } from './wal-flusher.js';

describe('WalFlusher', () => {
  it('covers flushes asked during a running fsync with exactly one more, and never fewer', async () => {
    const runs: (() => void)[] = [];
    const flusher = new WalFlusher('/x-wal', () => new Promise<void>((resolve) => runs.push(resolve)));
    const first = flusher.flush();
    const during = [flusher.flush(), flusher.flush(), flusher.flush()];
    expect(runs).toHaveLength(1);
    let duringDone = false;
    void Promise.all(during).then(() => {
      duringDone = true;
    });
    runs[0]?.();
    await first;
    await new Promise((r) => setImmediate(r));
    // Those asked while the first ran may have committed after it began: they wait for a second.
    expect(runs).toHaveLength(2);
    expect(duringDone).toBe(false);
    runs[1]?.();
    await Promise.all(during);
    const later = flusher.flush();
    expect(runs).toHaveLength(3);
    runs[2]?.();
    await later;
  });

  it('passes a failed fsync to its callers and recovers for the next flush', async () => {
    let fail = true;
    const flusher = new WalFlusher('/x-wal', async () => {
      if (fail) throw new Error('EIO');
    });
    await expect(flusher.flush()).rejects.toThrow('EIO');
    fail = false;
    await expect(flusher.flush()).resolves.toBeUndefined();
  });
});
