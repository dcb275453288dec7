// **benchVirtuoso** finds the Virtuoso a benchmark compares with: the one named by SHEAF_TEST_VIRTUOSO_*, or a throwaway one it starts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = new URL('../.ci/virtuoso.sh', import.meta.url).pathname;

export interface BenchVirtuoso {
  /** SHEAF_TEST_VIRTUOSO_* variables for it (query, update, GSP URLs). */
  readonly env: Record<string, string>;
  readonly queryUrl: string;
  /**
   * Bulk-loads an N-Quads file with Virtuoso's own loader (far faster than SPARQL updates), when this benchmark
   * started it: the file must be written into `dir`, the one folder that server may read. Undefined otherwise.
   */
  readonly bulk?: { readonly dir: string; load(file: string): Promise<void> };
  /** Stops it if this benchmark started it; one named by the environment is left running. */
  stop(): Promise<void>;
}

/**
 * The environment's Virtuoso when SHEAF_TEST_VIRTUOSO_QUERY_URL is set; otherwise, when `virtuoso-t` is installed,
 * a fresh one started with .ci/virtuoso.sh (its own directory and loopback ports) and stopped by `stop()`.
 * Undefined when there is none to compare with.
 */
export async function benchVirtuoso(env: NodeJS.ProcessEnv): Promise<BenchVirtuoso | undefined> {
  if (env.SHEAF_TEST_VIRTUOSO_QUERY_URL) {
    const own = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SHEAF_TEST_VIRTUOSO_') && v !== undefined)) as Record<string, string>;
    return { env: own, queryUrl: env.SHEAF_TEST_VIRTUOSO_QUERY_URL, stop: async () => {} };
  }
  const installed = await run('sh', ['-c', 'command -v virtuoso-t']).then(() => true, () => false);
  if (!installed) return undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'sheaf-bench-virtuoso-'));
  const stop = async () => {
    await run('bash', [SCRIPT, 'stop'], { env: { ...env, VIRTUOSO_DIR: dir } }).catch(() => {});
  };
  try {
    await run('bash', [SCRIPT, 'start'], { env: { ...env, VIRTUOSO_DIR: dir } });
  } catch (error) {
    await stop();
    throw error;
  }
  const own: Record<string, string> = {};
  for (const line of readFileSync(path.join(dir, 'env'), 'utf8').split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (m) own[m[1]!] = m[2]!;
  }
  const isql = async (sql: string) => {
    const { stdout } = await run('isql-vt', [`127.0.0.1:${own.SHEAF_TEST_VIRTUOSO_ISQL_PORT}`, 'dba', 'dba', `exec=${sql}`], { maxBuffer: 1 << 24 });
    if (stdout.includes('*** Error')) throw new Error(`isql: ${stdout.slice(0, 500)}`);
    return stdout;
  };
  const load = async (file: string) => {
    // The graph argument only applies to triples; every quad of the file names its own graph.
    await isql(`ld_dir('.', '${file}', 'urn:sheaf:bench:default'); rdf_loader_run(); checkpoint;`);
    const errors = await isql(`SELECT ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;`);
    if (/\b\d+ Rows?\./.test(errors) && !/\b0 Rows\./.test(errors)) throw new Error(`Virtuoso's bulk loader failed: ${errors.slice(0, 500)}`);
  };
  return { env: own, queryUrl: own.SHEAF_TEST_VIRTUOSO_QUERY_URL!, stop, bulk: { dir, load } };
}
