// **runVerdict** decides how a finished gather ends: its status, and which vanished records may be withdrawn.
import type { RunSummary } from './run-summary.js';

export interface RunVerdictInput {
  readonly mode: 'full' | 'incremental';
  /** Every page was read and every record stored. */
  readonly clean: boolean;
  /** Nothing at all was read (a run that never reached its source failed rather than partly succeeded). */
  readonly nothingRead: boolean;
  readonly firstError?: { readonly stage: string; readonly message: string };
  /** Why the gather is incomplete when no error says it (a paging loop, a short walk, fewer items than stated). */
  readonly incompleteBecause?: string;
  /** Keys of the feed's live records before this run, and the keys this run saw. */
  readonly live: () => readonly string[];
  readonly seen: { has(key: string): boolean };
  /** The largest share of live records a run may withdraw without a curator (mass deletions are held). */
  readonly maxWithdrawShare: number;
}

export interface RunVerdict {
  readonly status: RunSummary['status'];
  readonly reason?: string;
  /** Vanished records to withdraw now. */
  readonly withdraw: readonly string[];
  /** Vanished records held for a curator's confirmation. */
  readonly hold: readonly string[];
}

/**
 * Only a clean full gather says anything about absence: an incomplete one withdraws nothing, an incremental one
 * only sees changes. A clean full gather that lost more than the allowed share of the feed is held, not applied.
 */
export function runVerdict(input: RunVerdictInput): RunVerdict {
  if (!input.clean) {
    const why = input.firstError ? `${input.firstError.stage}: ${input.firstError.message}` : (input.incompleteBecause ?? 'gather incomplete');
    const reason = `${why} (nothing withdrawn)`;
    return { status: input.nothingRead ? 'failed' : 'partial', reason, withdraw: [], hold: [] };
  }
  if (input.mode === 'incremental') return { status: 'succeeded', withdraw: [], hold: [] };
  const live = input.live();
  const vanished = live.filter((k) => !input.seen.has(k));
  if (vanished.length > 0 && vanished.length > input.maxWithdrawShare * live.length) {
    return {
      status: 'held', withdraw: [], hold: vanished,
      reason: `${vanished.length} of ${live.length} records vanished (more than ${Math.round(input.maxWithdrawShare * 100)} %): nothing withdrawn until a curator confirms`,
    };
  }
  return { status: 'succeeded', withdraw: vanished, hold: [] };
}
