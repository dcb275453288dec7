// **tellListeners** commits record rows together with the record listeners' synchronous parts.
import type { RecordIndex } from './record-index.js';
import type { RecordListener } from './record-listener.js';

/**
 * Runs `rows` and every listener's synchronous part in one transaction of the state database, where the record
 * index, search index and quality rows live: one commit per batch instead of one per record. A throw rolls the rows
 * back too, so the next run (or revalidation) sees the old state and writes the records again. Listeners'
 * asynchronous parts (store writes) are awaited after the commit.
 */
export async function tellListeners(
  index: RecordIndex, listeners: readonly RecordListener[], rows: () => void, call: (l: RecordListener) => void | Promise<void>,
): Promise<void> {
  const later: Promise<void>[] = [];
  try {
    index.atomically(() => {
      rows();
      for (const l of listeners) {
        const result = call(l);
        if (result instanceof Promise) later.push(result);
      }
    });
  } finally {
    await Promise.all(later);
  }
}
