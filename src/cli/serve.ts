// **serve** command: runs the catalogue HTTP service until SIGTERM/SIGINT.
import type { Command } from 'commander';
import { PROCESS_ROLES, type ProcessRole } from '../serve/process-role.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the catalogue (HTTP API, SPARQL endpoint, scheduler)')
    .option('--port <port>', 'port to listen on (SHEAF_PORT, default 8080)', (v) => Number(v))
    .option('--host <host>', 'interface to bind (SHEAF_HOST, default 127.0.0.1)')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .option('--role <role>', 'all (serve and schedule harvests), api (serve only) or harvester (schedule; one per deployment)', 'all')
    .action(async (opts: { port?: number; host?: string; data?: string; role: string }) => {
      if (!PROCESS_ROLES.includes(opts.role as ProcessRole)) throw new Error(`--role must be one of ${PROCESS_ROLES.join(', ')}, got "${opts.role}"`);
      // Loaded here, not at the top: the other commands (and --help) never pay for the server's modules.
      const [{ loadConfig }, { startServer }] = await Promise.all([import('../core/config.js'), import('../serve/start-server.js')]);
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined && { port: opts.port }),
        ...(opts.host !== undefined && { host: opts.host }),
        ...(opts.data !== undefined && { dataDir: opts.data }),
      });
      await startServer({ config, role: opts.role as ProcessRole });
    });
}
