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
  return summary(samples, runs);
}

/**
 * Times two ways of answering the same question, run by run in alternation (`a` first on even runs, `b` on
 * odd ones), so both see the same machine: on a shared box, timing one after the other would fold whatever
 * else ran meanwhile into their ratio.
 */
export async function measurePair(
  runs: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
): Promise<[Latency, Latency]> {
  await a(-1);
  await b(-1);
  const samples: [number[], number[]] = [[], []];
  const timed = async (k: 0 | 1, call: (i: number) => Promise<unknown>, i: number) => {
    const started = performance.now();
    await call(i);
    samples[k].push(performance.now() - started);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      await timed(0, a, i);
      await timed(1, b, i);
    } else {
      await timed(1, b, i);
      await timed(0, a, i);
    }
  }
  return [summary(samples[0], runs), summary(samples[1], runs)];
}

function summary(samples: number[], runs: number): Latency {
  samples.sort((x, y) => x - y);
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
