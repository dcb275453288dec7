// pagesAhead: the next page is requested while the caller works on this one, one request in flight, the caller decides the end.
import { describe, expect, it } from 'vitest';
import { pagesAhead } from '../../harvesters/pages-ahead.js';

/** A source of `n` pages answering after a tick, logging each request, its answer and how many are in flight. */
function source(n: number) {
  const log: string[] = [];
  let inFlight = 0;
  let most = 0;
  const open = async (page: number): Promise<{ page: number; last: boolean }> => {
    log.push(`open ${page}`);
    most = Math.max(most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    return { page, last: page === n };
  };
  return { log, open, most: () => most };
}

describe('pagesAhead', () => {
  it('requests page n+1 as soon as page n names it, before the caller is done with page n', async () => {
    const s = source(3);
    for await (const { key, page, follow } of pagesAhead(1, s.open)) {
      s.log.push(`got ${key}`);
      if (!page.last) follow(key + 1);
      await new Promise((resolve) => setTimeout(resolve, 10)); // the caller's work on this page's records
      s.log.push(`done ${key}`);
    }
    expect(s.log).toEqual(['open 1', 'got 1', 'open 2', 'done 1', 'got 2', 'open 3', 'done 2', 'got 3', 'done 3']);
    expect(s.most()).toBe(1);
  });

  it('ends when a page names no next page, and opens nothing more after a break', async () => {
    const s = source(5);
    const seen: number[] = [];
    for await (const { key, follow } of pagesAhead(1, s.open)) {
      seen.push(key);
      if (key < 2) follow(key + 1);
    }
    expect(seen).toEqual([1, 2]);
    for await (const { key, follow } of pagesAhead(10, s.open)) {
      follow(key + 1);
      break;
    }
    expect(s.log.filter((l) => l.startsWith('open'))).toEqual(['open 1', 'open 2', 'open 10', 'open 11']);
  });

  it('allows one next page per page, and no following from a page already left', async () => {
    const s = source(3);
    let stale: ((next: number) => void) | undefined;
    const errors: string[] = [];
    for await (const { key, follow } of pagesAhead(1, s.open)) {
      if (key === 1) {
        follow(2);
        expect(() => follow(3)).toThrow(/already named its next page/);
        stale = follow;
      } else {
        try {
          stale!(9);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }
    expect(errors).toEqual(['pagesAhead: follow() belongs to a page already left']);
    expect(s.log).toEqual(['open 1', 'open 2']);
  });
});
