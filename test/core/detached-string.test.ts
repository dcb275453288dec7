import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { detachedString } from '../../src/core/detached-string.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap bytes still used after keeping one 40-character key cut out of each of 20 pages of ~1 MB. */
function keptBytes(keep: (key: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let p = 0; p < 20; p++) {
    const page = Array.from({ length: 20_000 }, (_, i) => `<https://example.org/dataset/${p}-${i}> <p> "o" .`).join('\n');
    const at = page.indexOf('<', 100) + 1;
    kept.push(keep(page.slice(at, at + 40)));
  }
  gc();
  const used = process.memoryUsage().heapUsed - before;
  expect(kept).toHaveLength(20);
  return used;
}

describe('detachedString', () => {
  it('is the same text', () => {
    const page = 'x'.repeat(100) + 'https://example.org/dataset/1' + 'y'.repeat(100);
    const key = page.slice(100, 129);
    expect(detachedString(key)).toBe(key);
    expect(detachedString('')).toBe('');
  });

  it('does not keep the text it was cut from alive, where a plain slice does', () => {
    const sliced = keptBytes((key) => key);
    const detached = keptBytes(detachedString);
    // 20 pages of ~1 MB stay alive behind plain slices; the copies keep 20 short strings (the rest is allocation noise).
    expect(sliced).toBeGreaterThan(15_000_000);
    expect(detached).toBeLessThan(sliced / 4);
  });
});
