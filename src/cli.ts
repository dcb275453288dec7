// **cli** is the `sheaf` command: one commander program, each command registered from its own file.
import { Command } from 'commander';
import { registerServeCommand } from './cli/serve.js';
import { registerTokenCommand } from './cli/token.js';
import { registerValidateCommand } from './cli/validate.js';
import { registerShapesCommand } from './cli/shapes.js';
import { registerImportCommand } from './cli/import.js';
import { registerExportCommand } from './cli/export.js';
import { registerHarvestCommand } from './cli/harvest.js';

const program = new Command()
  .name('sheaf')
  .description('Metadata harvester and FAIR semantic catalogue')
  .showHelpAfterError();

// The command registry: one line per command, each in src/cli/<command>.ts. Those files only declare the command;
// the modules doing its work load inside its action, so a command (or --help) loads what it uses and nothing else.
registerServeCommand(program);
registerTokenCommand(program);
registerValidateCommand(program);
registerShapesCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerHarvestCommand(program);

// `sheaf validate … | head`: once the reader closes the pipe, every write fails with EPIPE. The reader has what it
// wanted, so the rest of the output is dropped without a stack trace, and the command still finishes (closing its
// stores) and exits with its own code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commands throw for bad input; the user gets one clear line and a non-zero exit, not a stack.
  console.error(`sheaf: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 1;
}
