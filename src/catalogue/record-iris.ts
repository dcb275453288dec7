// **RecordIris** mints every IRI a harvested record uses: its graphs, its catalogue record, its run and feed.
const enc = (part: string): string => encodeURIComponent(part);

/**
 * Graph layout (one record = up to three graphs, written together in one atomic `replaceGraphs`):
 * - `{base}/graph/record/{feed}/{key}`          the dataset as harvested and normalised (catalogue views read these)
 * - `{base}/graph/quarantine/{feed}/{key}`      instead of the above for a non-conformant record of a quarantine feed
 * - `{base}/graph/report/{feed}/{key}`          its sh:ValidationReport, only when there are results
 * - `{base}/graph/catalog-record/{feed}/{key}`  its dcat:CatalogRecord (and the catalogue's dcat:record /
 *   dcat:dataset links while it is active; a tombstone after withdrawal)
 * - `{base}/graph/run/{run}`                    one prov:Activity per run, with its counts
 * A per-record catalogue-record graph (rather than one big catalogue graph) keeps each write the size of a
 * record: replacing a shared catalogue graph would rewrite every record's entry on every change.
 */
export class RecordIris {
  readonly base: string;

  constructor(base: string) {
    this.base = base.replace(/\/+$/, '');
  }

  recordGraph(feed: string, key: string): string {
    return `${this.base}/graph/record/${enc(feed)}/${enc(key)}`;
  }

  quarantineGraph(feed: string, key: string): string {
    return `${this.base}/graph/quarantine/${enc(feed)}/${enc(key)}`;
  }

  reportGraph(feed: string, key: string): string {
    return `${this.base}/graph/report/${enc(feed)}/${enc(key)}`;
  }

  /** The record's MQA measurements (DQV), written by src/quality/quality-store.ts. */
  qualityGraph(feed: string, key: string): string {
    return `${this.base}/graph/quality/${enc(feed)}/${enc(key)}`;
  }

  catalogRecordGraph(feed: string, key: string): string {
    return `${this.base}/graph/catalog-record/${enc(feed)}/${enc(key)}`;
  }

  catalogRecord(feed: string, key: string): string {
    return `${this.base}/catalog-record/${enc(feed)}/${enc(key)}`;
  }

  /** Prefix of every record graph of a feed (listGraphs({prefix})). */
  recordGraphPrefix(feed: string): string {
    return `${this.base}/graph/record/${enc(feed)}/`;
  }

  /** Prefixes of the graphs that hold a feed's records (a record has a graph under one of them at least). */
  feedGraphPrefixes(feed: string): string[] {
    return ['record', 'quarantine', 'catalog-record'].map((kind) => `${this.base}/graph/${kind}/${enc(feed)}/`);
  }

  runGraph(run: string): string {
    return `${this.base}/graph/run/${enc(run)}`;
  }

  run(run: string): string {
    return `${this.base}/run/${enc(run)}`;
  }

  feed(feed: string): string {
    return `${this.base}/feed/${enc(feed)}`;
  }

  catalog(): string {
    return `${this.base}/catalog`;
  }

  /** Prefixes of the graphs sheaf derives from a record (its report and quality graphs), read by name. */
  derivedGraphPrefixes(): string[] {
    return [`${this.base}/graph/report/`, `${this.base}/graph/quality/`];
  }
}
