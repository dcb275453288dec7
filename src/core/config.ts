// **config** reads sheaf's settings once, from the environment and explicit overrides, into one frozen object.
import path from 'node:path';

export type StoreKind = 'embedded' | 'sparql';

export interface SparqlStoreConfig {
  readonly queryUrl: string;
  readonly updateUrl: string;
  /** Graph Store Protocol endpoint; when set, graphs too large for one update request are staged by PUT. */
  readonly gspUrl?: string;
  readonly user?: string;
  readonly password?: string;
  readonly timeoutMs: number;
  readonly retries: number;
}

export interface SheafConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Absolute links are built from this, never from request headers. No trailing slash. */
  readonly baseUrl: string;
  readonly adminToken?: string;
  readonly store: StoreKind;
  readonly sparql?: SparqlStoreConfig;
  readonly allowPrivateNetworks: boolean;
  /** Peer catalogues for federation: sheaf search APIs or SPARQL endpoints. */
  readonly peers: readonly string[];
  /** Public SPARQL endpoint limits. */
  readonly queryTimeoutMs: number;
  readonly resultCap: number;
  readonly bodyLimitBytes: number;
  /** Register and harvest the bundled demo feed on a fresh data directory. */
  readonly demo: boolean;
  /**
   * SHEAF_INDEX_REPORTS: whether the embedded store also loads validation reports and quality measurements into
   * its SPARQL index (default false: they are read by name, and would be two thirds of the index's quads; the
   * remote backend always holds them).
   */
  readonly indexReports: boolean;
  /**
   * SHEAF_INDEX_REPLICAS: identical copies of the embedded store's query index that `serve` keeps, each in its own
   * worker thread (default 2): a runaway query then costs only its copy's rebuild while another answers, and
   * queries run in parallel. Each copy holds the whole index in memory; 1 halves that and gives up both.
   */
  readonly indexReplicas: number;
  /**
   * SHEAF_VALIDATOR_WORKERS: worker threads of `serve` that validate harvested records and parse, normalise and
   * validate documents posted to /api/validate, so neither holds the event loop (started on first use).
   */
  readonly validatorWorkers: number;
  /** Harvest runs at once across all feeds (SHEAF_MAX_CONCURRENT_RUNS); the rest wait queued. */
  readonly maxConcurrentRuns: number;
  readonly logLevel: string;
  /** How the catalogue describes itself in its DCAT-AP output (dct:title, dct:description, publisher's foaf:name). */
  readonly catalogue: {
    readonly title: string; readonly description: string; readonly publisher: string;
    /** Largest `pageSize` a /catalog client may ask for. */
    readonly pageCap: number;
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

/**
 * Builds the configuration from `env` (normally `process.env`) with `overrides` on top: CLI flags and
 * tests pass overrides, so no code path needs a test-only switch.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<SheafConfig> = {}): SheafConfig {
  const port = overrides.port ?? int('SHEAF_PORT', env.SHEAF_PORT, 8080);
  const host = overrides.host ?? env.SHEAF_HOST ?? '127.0.0.1';
  const store = (overrides.store ?? env.SHEAF_STORE ?? 'embedded') as StoreKind;
  if (store !== 'embedded' && store !== 'sparql') {
    throw new Error(`SHEAF_STORE must be "embedded" or "sparql", got "${String(store)}"`);
  }
  let sparql = overrides.sparql;
  if (sparql === undefined && store === 'sparql') {
    const queryUrl = env.SHEAF_SPARQL_QUERY_URL;
    if (!queryUrl) throw new Error('SHEAF_STORE=sparql needs SHEAF_SPARQL_QUERY_URL');
    sparql = {
      queryUrl,
      updateUrl: env.SHEAF_SPARQL_UPDATE_URL ?? queryUrl,
      gspUrl: env.SHEAF_SPARQL_GSP_URL || undefined,
      user: env.SHEAF_SPARQL_USER || undefined,
      password: env.SHEAF_SPARQL_PASSWORD || undefined,
      timeoutMs: int('SHEAF_SPARQL_TIMEOUT_MS', env.SHEAF_SPARQL_TIMEOUT_MS, 30_000),
      retries: int('SHEAF_SPARQL_RETRIES', env.SHEAF_SPARQL_RETRIES, 3),
    };
  }
  const baseUrl = (overrides.baseUrl ?? env.SHEAF_BASE_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
  return Object.freeze({
    port,
    host,
    dataDir: path.resolve(overrides.dataDir ?? env.SHEAF_DATA_DIR ?? './var'),
    baseUrl,
    adminToken: overrides.adminToken ?? (env.SHEAF_ADMIN_TOKEN || undefined),
    store,
    sparql,
    allowPrivateNetworks: overrides.allowPrivateNetworks ?? bool(env.SHEAF_ALLOW_PRIVATE_NETWORKS, false),
    peers: overrides.peers ?? (env.SHEAF_PEERS ?? '').split(/[\s,]+/).filter(Boolean),
    queryTimeoutMs: overrides.queryTimeoutMs ?? int('SHEAF_QUERY_TIMEOUT_MS', env.SHEAF_QUERY_TIMEOUT_MS, 30_000),
    resultCap: overrides.resultCap ?? int('SHEAF_RESULT_CAP', env.SHEAF_RESULT_CAP, 100_000),
    bodyLimitBytes: overrides.bodyLimitBytes ?? int('SHEAF_BODY_LIMIT', env.SHEAF_BODY_LIMIT, 10 * 1024 * 1024),
    demo: overrides.demo ?? bool(env.SHEAF_DEMO, true),
    indexReports: overrides.indexReports ?? bool(env.SHEAF_INDEX_REPORTS, false),
    indexReplicas: overrides.indexReplicas ?? (int('SHEAF_INDEX_REPLICAS', env.SHEAF_INDEX_REPLICAS, 2) || 1),
    validatorWorkers: overrides.validatorWorkers ?? (int('SHEAF_VALIDATOR_WORKERS', env.SHEAF_VALIDATOR_WORKERS, 2) || 1),
    maxConcurrentRuns: overrides.maxConcurrentRuns ?? (int('SHEAF_MAX_CONCURRENT_RUNS', env.SHEAF_MAX_CONCURRENT_RUNS, 2) || 1),
    logLevel: overrides.logLevel ?? env.SHEAF_LOG_LEVEL ?? 'info',
    catalogue: Object.freeze(overrides.catalogue ?? {
      title: env.SHEAF_CATALOG_TITLE || 'sheaf catalogue',
      description: env.SHEAF_CATALOG_DESCRIPTION
        || 'Datasets harvested from registered repositories, normalised to DCAT-AP and validated with SHACL.',
      publisher: env.SHEAF_CATALOG_PUBLISHER || 'sheaf catalogue operators',
      pageCap: int('SHEAF_CATALOG_PAGE_CAP', env.SHEAF_CATALOG_PAGE_CAP, 1000),
    }),
  });
}
