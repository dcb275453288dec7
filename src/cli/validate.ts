// **validate** command: dry-run validation of a file or URL against a profile (or a shapes file); prints the report.
import type { Command } from 'commander';
import type { ValidateOptions } from './run-validate.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('validate an RDF file or URL against a profile; exit 1 on violations, 2 on unreadable input')
    .argument('<source>', 'file path or http(s) URL (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML)')
    .option('--profile <name>', 'profile from shapes/profiles.json (default: the manifest default)')
    .option('--shapes <file>', 'validate against this shapes file instead of a profile')
    .option('--format <format>', 'report format: text, json or ttl', 'text')
    .option('--profiles <manifest>', 'another profiles manifest (default: the bundled shapes/profiles.json)')
    .option('--raw', 'validate the document as written, without the normalisation a harvest applies')
    // The validator's modules load when the command runs, not for the other commands or --help.
    .action(async (source: string, opts: ValidateOptions) => (await import('./run-validate.js')).runValidate(source, opts));
}
