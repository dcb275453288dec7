// **token** command: creates, lists and revokes API tokens in a data directory's state database.
import type { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import type { TokenStore } from '../pipeline/tokens.js';
import { ROLES, type Role } from '../core/roles.js';

async function withTokens<T>(data: string | undefined, fn: (tokens: TokenStore) => T): Promise<T> {
  // The state database (a native module) loads here, when a token command runs, not for the other commands or --help.
  const [{ TokenStore }, { openStateDb }] = await Promise.all([import('../pipeline/tokens.js'), import('../store/state-db.js')]);
  const config = loadConfig(process.env, data === undefined ? {} : { dataDir: data });
  // Fails with CAT_ERR_STORE_CORRUPT "in use by another sheaf process" while a server holds the directory:
  // use the admin API (POST /api/tokens) then.
  const state = openStateDb(config.dataDir);
  try {
    return fn(new TokenStore({ db: state.db }));
  } finally {
    state.close();
  }
}

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('manage API tokens (admin, curator, publisher)');

  token
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--name <name>', 'who holds it: unique for all time (rights follow the token id, never the name)')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .action(async (opts: { role: string; name: string; data?: string }) => {
      if (!ROLES.includes(opts.role as Role)) throw new Error(`--role must be one of ${ROLES.join(', ')}, got "${opts.role}"`);
      const created = await withTokens(opts.data, (tokens) => tokens.create({ name: opts.name, role: opts.role as Role }));
      process.stderr.write(`created ${created.info.role} token ${created.info.id} for "${created.info.name}"; it is shown only this once:\n`);
      process.stdout.write(`${created.token}\n`);
    });

  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .action(async (opts: { data?: string }) => {
      for (const t of await withTokens(opts.data, (tokens) => tokens.list())) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used';
        process.stdout.write(`${t.id}\t${t.role}\t${t.name}\t${state}\n`);
      }
    });

  token
    .command('rotate <id>')
    .description('give a token a new secret under the same id (it keeps its feeds) and print it once')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .action(async (id: string, opts: { data?: string }) => {
      const rotated = await withTokens(opts.data, (tokens) => tokens.rotate(id));
      if (!rotated) throw new Error(`no active token with id "${id}"`);
      process.stderr.write(`rotated ${rotated.info.role} token ${id} of "${rotated.info.name}"; the old secret no longer works; the new one is shown only this once:\n`);
      process.stdout.write(`${rotated.token}\n`);
    });

  token
    .command('revoke <id>')
    .description('revoke a token by id')
    .option('--data <dir>', 'data directory (SHEAF_DATA_DIR, default ./var)')
    .action(async (id: string, opts: { data?: string }) => {
      if (!(await withTokens(opts.data, (tokens) => tokens.revoke(id)))) throw new Error(`no active token with id "${id}"`);
      process.stderr.write(`revoked ${id}\n`);
    });
}
