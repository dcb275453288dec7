// **checkCatalogue** compares a data directory with its source: lost, stale and orphan records, stuck runs.
import path from 'node:path';
import Database from 'better-sqlite3';
import { RecordIris } from '../../src/catalogue/record-iris.js';
import { DS } from '../pipeline/feed-pages.js';

export interface CatalogueCheck {
  /** Source datasets without an active record, or whose record graph is gone. */
  readonly lost: number;
  /** Active records of datasets the source no longer lists, or whose graph holds other text than the source's. */
  readonly stale: number;
  /**
   * Record graphs without an active row (nothing would ever withdraw them), and catalogue-record graphs without any
   * row (a withdrawn record keeps its catalogue record as a tombstone, by design).
   */
  readonly orphan: number;
  /** Runs still queued or running once the process is idle or gone. */
  readonly stuck: number;
  /** One line per finding, for the operator. */
  readonly findings: readonly string[];
}

/**
 * Reads `dataDir` (read-only, so a running sheaf may hold it) and checks feed `feedId` against `expected`
 * (dataset id → version, what the source lists now).
 */
export function checkCatalogue(opts: { readonly dataDir: string; readonly base: string; readonly feedId: string; readonly expected: ReadonlyMap<number, number> }): CatalogueCheck {
  const db = new Database(path.join(opts.dataDir, 'sheaf.db'), { readonly: true, fileMustExist: true });
  const iris = new RecordIris(opts.base);
  const findings: string[] = [];
  let lost = 0;
  let stale = 0;
  let orphan = 0;
  try {
    const graphs = new Map((db.prepare('SELECT graph, ntriples FROM graph_log').all() as { graph: string; ntriples: string }[]).map((g) => [g.graph, g.ntriples]));
    const rows = db.prepare('SELECT key, state FROM records WHERE feed_id = ?').all(opts.feedId) as { key: string; state: string }[];
    const active = new Set(rows.filter((r) => r.state === 'active').map((r) => r.key));
    const known = new Set(rows.map((r) => r.key));
    const wanted = new Map([...opts.expected].map(([i, v]) => [DS(i), `Imaging cohort ${i} v${v}"@en`]));

    for (const [key, title] of wanted) {
      const text = graphs.get(iris.recordGraph(opts.feedId, key));
      if (!active.has(key) || text === undefined) {
        lost += 1;
        findings.push(`lost: ${key} (${active.has(key) ? 'no graph' : 'no active row'})`);
      } else if (!text.includes(title)) {
        stale += 1;
        findings.push(`stale: ${key} does not read ${title.slice(0, -4)}`);
      }
    }
    for (const key of active) {
      if (!wanted.has(key)) {
        stale += 1;
        findings.push(`stale: ${key} is active but the source no longer lists it`);
      }
    }
    for (const [prefix, owned] of [[`${opts.base}/graph/record/`, active], [`${opts.base}/graph/catalog-record/`, known]] as const) {
      const feedPrefix = `${prefix}${encodeURIComponent(opts.feedId)}/`;
      for (const graph of graphs.keys()) {
        if (!graph.startsWith(feedPrefix)) continue;
        const key = decodeURIComponent(graph.slice(feedPrefix.length));
        if (!owned.has(key)) {
          orphan += 1;
          findings.push(`orphan: ${graph}`);
        }
      }
    }
    const stuckRuns = db.prepare("SELECT id, status FROM runs WHERE status IN ('queued', 'running')").all() as { id: string; status: string }[];
    for (const r of stuckRuns) findings.push(`stuck: run ${r.id} is ${r.status}`);
    return { lost, stale, orphan, stuck: stuckRuns.length, findings };
  } finally {
    db.close();
  }
}
