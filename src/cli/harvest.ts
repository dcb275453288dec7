// **harvest** command: one harvest run of a URL (registered as an ad-hoc feed, or the feed already registered for it), with a progress bar.
import { Option, type Command } from 'commander';
import type { HarvestOptions } from './run-harvest.js';

export function registerHarvestCommand(program: Command): void {
  const protocol = new Option('--protocol <protocol>', 'auto or the name of a harvester').default('auto');
  const harvest = program
    .command('harvest')
    .description('harvest one source now (registers it as a feed the first time); exit 1 failed, 3 partial')
    .argument('<url>', 'the source: a DCAT document or Hydra collection, CKAN site, FAIR Data Point, SPARQL endpoint or OAI-PMH base URL')
    .addOption(protocol)
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .option('--profile <name>', 'validation profile (default: the feed\'s, else the manifest default)')
    // The harvesters, store and validator load when the command runs, not for the other commands or --help.
    .action(async (url: string, opts: HarvestOptions) => (await import('./run-harvest.js')).runHarvest(url, opts));
  // The protocol names come from the harvester registry, loaded only when this command is the one run
  // (`sheaf harvest --help` included), before its options are parsed.
  program.hook('preSubcommand', async (_program, command) => {
    if (command !== harvest) return;
    const { harvesters } = await import('../../harvesters/index.js');
    protocol.description = `auto or one of ${[...harvesters.keys()].join(', ')}`;
  });
}
