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

// The command registry: one line per command, each in src/cli/<command>.ts.
registerServeCommand(program);
registerTokenCommand(program);
registerValidateCommand(program);
registerShapesCommand(program);
registerImportCommand(program);
registerExportCommand(program);
registerHarvestCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commands throw for bad input; the user gets one clear line and a non-zero exit, not a stack.
  console.error(`sheaf: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 1;
}
