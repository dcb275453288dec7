// **serve** command: runs the catalogue HTTP service until SIGTERM/SIGINT.
import type { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { startServer } from '../serve/start-server.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the catalogue (HTTP API, SPARQL endpoint, scheduler)')
    .option('--port <port>', 'port to listen on (SHEAF_PORT, default 8080)', (v) => Number(v))
    .option('--host <host>', 'interface to bind (SHEAF_HOST, default 127.0.0.1)')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .action(async (opts: { port?: number; host?: string; data?: string }) => {
      const config = loadConfig(process.env, {
        ...(opts.port !== undefined && { port: opts.port }),
        ...(opts.host !== undefined && { host: opts.host }),
        ...(opts.data !== undefined && { dataDir: opts.data }),
      });
      await startServer({ config });
    });
}
