// **Harvester** is the contract every protocol adapter implements: fetch pages, yield records in the source's shape.
import type { RdfFormat } from '../src/core/rdf-format.js';
import type { RecordShape, ShapedPayload } from '../src/core/record-shape.js';
import type { SafeFetcher } from '../src/core/safe-fetch.js';

/** A registered source as the adapter needs it; the feed registry owns the rest (schedule, owner…). */
export interface SourceConfig {
  /** Stable feed id; errors and warnings carry it. */
  readonly key: string;
  readonly url: string;
  /** Admin-marked local feed: only then may `url` be a `file:` URL. */
  readonly local?: boolean;
  /** dcat: parse as this syntax whatever the server says. */
  readonly format?: RdfFormat;
  /** ckan: rows per page (default 100). sparql: dataset IRIs per SELECT page, fixed (default: 1,000, doubling while pages come back full, up to 64,000). */
  readonly pageSize?: number;
  /** sparql: how long one CONSTRUCT batch may take before it is tried again in halves (default 30 s). */
  readonly timeoutMs?: number;
  /** oai-pmh: `oai_dc` (default) or `oai_datacite`; `set` restricts ListRecords to one set. */
  readonly metadataPrefix?: 'oai_dc' | 'oai_datacite';
  readonly set?: string;
  /** sparql: only datasets in this named graph. */
  readonly graph?: string;
}

/** Validators and links remembered per page URL from the last complete harvest. */
export interface PageMemo {
  readonly etag?: string;
  readonly lastModified?: string;
  /** Next pages / child resources linked from the page; lets a 304 page still be walked past. */
  readonly links?: readonly string[];
  /** pageDigest of the page as last read: a page re-sent identical (200, no validators) is walked past too. */
  readonly bodyHash?: string;
  /** The last page this page named (Hydra `last`): a walk through unchanged pages still knows where it must end. */
  readonly last?: string;
  /** The collection size this page stated (Hydra `totalItems`), for the same reason. */
  readonly total?: number;
}

export interface HarvestLimits {
  /** Pages (documents) fetched per run; reaching it ends the gather as incomplete. */
  readonly maxPages: number;
  /** Records yielded per run. */
  readonly maxRecords: number;
}

export const DEFAULT_LIMITS: HarvestLimits = Object.freeze({ maxPages: 10_000, maxRecords: 1_000_000 });

export interface HarvestContext {
  readonly fetcher: SafeFetcher;
  /** Only records changed since then (ckan `metadata_modified`, oai-pmh `from=`); absent = everything. */
  readonly since?: Date;
  /**
   * Memo of the previous run, read-only for the adapter. The caller records the new memos from
   * `page` items and should persist them only after the records were stored, so a failed run never
   * leaves a 304 hiding records that were never written.
   */
  readonly memo?: (url: string) => PageMemo | undefined;
  readonly limits?: Partial<HarvestLimits>;
  readonly signal?: AbortSignal;
}

/** How the caller finds the record next time: IRI first, then the source's identifier. */
export interface KeyHints {
  readonly iri?: string;
  readonly identifier?: string;
}

interface RecordBase {
  readonly kind: 'record';
  /** The page or document the record came from (provenance; also ties records to a 304 page). */
  readonly pageUrl: string;
  readonly keyHints: KeyHints;
  /** The source's own dates as literals, kept apart from harvest times. */
  readonly issued?: string;
  readonly modified?: string;
}

/**
 * One record in its source's shape (src/core/record-shape.ts): quads for RDF sources (dcat, fdp, sparql), the
 * package JSON for CKAN, the `<record>` XML for OAI-PMH. Normalise's mapper registry turns each shape into DCAT.
 */
export type HarvestRecord<S extends RecordShape = RecordShape> = RecordBase & ShapedPayload<S>;

/** The source says a record was deleted (OAI-PMH `status="deleted"`). */
export interface HarvestDeletion {
  readonly kind: 'deletion';
  readonly pageUrl: string;
  readonly keyHints: KeyHints;
  readonly datestamp?: string;
}

/** One page fetched (or confirmed unchanged by a 304); `links` and validators are the next memo. */
export interface HarvestPage {
  readonly kind: 'page';
  readonly url: string;
  readonly notModified: boolean;
  /**
   * The page came again with the same digest as last time (memo `bodyHash`): like a 304, its records were
   * not read again, and the caller treats the records it yielded last time as seen and unchanged.
   */
  readonly sameBody?: boolean;
  /** The page's digest, remembered in the next memo (carried over from the memo on a 304). */
  readonly bodyHash?: string;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly links: readonly string[];
  /** The last page of the walk as this page named it (Hydra `last`); remembered in the memo. */
  readonly last?: string;
  /** The size of the whole source as this page stated it; remembered in the memo. */
  readonly total?: number;
}

export type HarvestStage = 'fetch' | 'parse' | 'paging' | 'split';

/** Something odd that did not lose data by itself (a repeated next link, a duplicate dataset). */
export interface HarvestWarning {
  readonly kind: 'warning';
  readonly source: string;
  readonly url: string;
  readonly stage: HarvestStage;
  readonly message: string;
}

/** A page or resource that could not be gathered: the gather is incomplete. Reported, never thrown. */
export interface HarvestError {
  readonly kind: 'error';
  readonly source: string;
  readonly url: string;
  readonly stage: HarvestStage;
  readonly message: string;
  readonly code?: string;
}

/**
 * Always the last item. `complete` is true only when the walk reached its natural end: no error, no cap
 * hit, no paging loop, and the last page the source named (if it named one) was reached.
 * Withdrawing vanished records is safe only after a complete gather, and only of a full one: with
 * `ctx.since`, a complete gather lists just the records changed since then.
 */
export interface HarvestEnd {
  readonly kind: 'end';
  readonly complete: boolean;
  readonly pages: number;
  readonly records: number;
  /** Why the gather is incomplete (its first cause), when it is. */
  readonly reason?: string;
  /**
   * The size the source stated (Hydra `totalItems`, CKAN `count`, OAI-PMH `completeListSize`, FDP member
   * counts) and the page that stated it last. The source counts every item it lists, records and deletion
   * notices alike; the caller, which also knows the records of unchanged pages, compares and ends the run
   * partial when it saw fewer.
   */
  readonly stated?: { readonly total: number; readonly url: string };
}

/**
 * What an adapter yields, in order. Warnings and per-page errors travel in the same stream as the
 * records (not through callbacks) so the caller sees them in page order and no adapter can forget to
 * report them; the final `end` item states whether the gather was complete.
 */
export type HarvestItem = HarvestRecord | HarvestDeletion | HarvestPage | HarvestWarning | HarvestError | HarvestEnd;

/** The first answer from a URL, for protocol auto-detection at feed registration. */
export interface FirstResponse {
  readonly contentType?: string;
  readonly body: string;
}

/** A second request that makes a URL whose bare answer says nothing (a site root, a base URL) answer as this protocol. */
export interface ProbeFollowUp {
  readonly url: (base: string) => string;
  readonly accept: string;
}

export interface Harvester {
  readonly protocol: string;
  /** The shape of the records it yields: normalise's mapper registry must hold a mapper for it. */
  readonly shape: RecordShape;
  /** It honours `ctx.since` (asks the source for changes only), so runs may be incremental. */
  readonly incremental?: boolean;
  /** Tried at feed registration when the bare GET of the URL did not decide the protocol. */
  readonly probe?: ProbeFollowUp;
  harvest(source: SourceConfig, ctx: HarvestContext): AsyncIterable<HarvestItem>;
  /** True when `first` (the answer from `url`) looks like this protocol (a promise where the answer must be parsed). */
  detect(url: string, first: FirstResponse): boolean | Promise<boolean>;
}
