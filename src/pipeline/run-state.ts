// **RunState** is what one harvest run accumulates while it goes: counts, problems, keys seen, page memos, pending writes.
import type { Term } from '@rdfjs/types';
import type { HarvestPage, PageMemo } from '../../harvesters/harvester.js';
import type { PreparedRecord } from './prepare-record.js';
import type { RecordChange } from '../catalogue/record-writer.js';
import { ZERO_COUNTS, type CrossFeedDuplicate, type RunCounts, type RunProblem } from './run-summary.js';

type MutableCounts = { -readonly [K in keyof RunCounts]: number };

/** Everything one run accumulates; lives only while the run does. */
export class RunState {
  /** When the run started, before any of its sightings: the page memos it saves vouch for records seen since. */
  readonly startedAt: string;
  readonly counts: MutableCounts = { ...ZERO_COUNTS };
  readonly errors: RunProblem[] = [];
  readonly warnings: RunProblem[] = [];
  readonly duplicates: CrossFeedDuplicate[] = [];
  /** Key → page of every record the source listed this run. */
  readonly seen = new Map<string, string>();
  readonly memos = new Map<string, PageMemo>();
  /** The memo to save for a page (set by the run once it knows its salt). */
  memoOf: (item: HarvestPage) => PageMemo = (item) => ({ links: item.links });
  /** Pages whose memo must not be kept: they failed, or a record on them did. */
  readonly badPages = new Set<string>();
  readonly deletions: string[] = [];
  pending: RecordChange[] = [];
  /** The batch being written (never rejects: a failed write counts its records as failed). */
  writing: Promise<void> = Promise.resolve();
  unchangedSeen: { key: string; pageUrl: string }[] = [];
  pages = 0;
  notModifiedPages = 0;
  records = 0;
  complete = false;
  /** Why the gather is incomplete when no page error says it (a paging loop, a short walk, a smaller count than stated). */
  incompleteBecause: string | undefined;
  /** The adapter's `end` item was handled: every page item before it had all its records handled too. */
  ended = false;

  constructor(options: { readonly startedAt: string }) {
    this.startedAt = options.startedAt;
  }
}


/** The focus nodes to validate when a record describes more than `max` nodes; empty = validate all targets. */
export function validationFocus(record: PreparedRecord, max: number): Term[] {
  const subjects = new Map<string, Term>();
  for (const q of record.quads) if (!subjects.has(q.subject.value)) subjects.set(q.subject.value, q.subject);
  if (subjects.size <= max) return [];
  const dataset = subjects.get(record.datasetIri);
  const others = [...subjects.values()].filter((t) => t.value !== record.datasetIri).slice(0, max - 1);
  return dataset ? [dataset, ...others] : others;
}
