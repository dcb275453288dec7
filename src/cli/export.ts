// **export** command: streams the whole catalogue as N-Quads, TriG, N-Triples or Turtle.
import type { Command } from 'commander';

export const EXPORT_FORMATS = ['nq', 'trig', 'nt', 'ttl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  format: string;
  data?: string;
  output?: string;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the whole catalogue (every graph, and with nq / trig the feeds, runs, tokens, record index and quality) to stdout or a file')
    .option('--format <format>', `${EXPORT_FORMATS.join(' | ')}; nt and ttl merge the graphs and leave the state out`, 'nq')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .option('-o, --output <file>', 'write here instead of stdout')
    // The store loads when the command runs, not for the other commands or --help.
    .action(async (opts: ExportOptions) => (await import('./run-export.js')).runExport(opts));
}
