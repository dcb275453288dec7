// **import** command: loads an N-Quads or TriG file into the catalogue, replacing each graph it contains.
import type { Command } from 'commander';

export interface ImportOptions {
  format?: string;
  data?: string;
}

/** Format names and file extensions → the N3 parser's format; one table for flag and extension. */
export const IMPORT_FORMATS: ReadonlyMap<string, string> = new Map([
  ['nq', 'N-Quads'],
  ['trig', 'TriG'],
  ['nt', 'N-Triples'],
  ['ttl', 'Turtle'],
]);

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('load N-Quads or TriG into the catalogue; each graph in the file replaces the stored one, and a sheaf export backup restores its feeds, runs, tokens, record index and quality')
    .argument('<file>', 'an N-Quads (.nq) or TriG (.trig) file')
    .option('--format <format>', `file format: ${[...IMPORT_FORMATS.keys()].join(' | ')} (default: from the extension)`)
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    // The store and parsers load when the command runs, not for the other commands or --help.
    .action(async (file: string, opts: ImportOptions) => (await import('./run-import.js')).runImport(file, opts));
}
