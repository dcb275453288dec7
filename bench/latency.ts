// **latency** times repeated calls and reports median and 95th percentile in milliseconds.

export interface Latency {
  readonly median: number;
  readonly p95: number;
  readonly runs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

/**
 * Runs `call(i)` once to warm up, then `runs` times. A run that fails fails the benchmark: a figure from a
 * failing query would be meaningless.
 */
export async function measure(runs: number, call: (i: number) => Promise<unknown>): Promise<Latency> {
  await call(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), runs };
}

/** `12.3` / `1,234` style: enough digits to compare, no false precision. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toLocaleString('en-US');
}

export function formatLatency(latency: Latency | undefined): string {
  return latency ? `${formatMs(latency.median)} / ${formatMs(latency.p95)}` : '–';
}

/** Prints rows as a Markdown table, columns padded so it also reads well in a terminal. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}
