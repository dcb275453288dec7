// **bench/run** dispatches `npm run bench -- <name> [options]` to one benchmark module.
// Each module exports `run(args: string[]): Promise<void>`; a new benchmark is one row in this Map.

export interface BenchModule {
  run(args: readonly string[]): Promise<void>;
}

// Loaded on demand: a benchmark's heavy dependencies (Comunica, the app) load only when it runs.
const BENCHES: ReadonlyMap<string, () => Promise<BenchModule>> = new Map([
  ['store', () => import('./store.js')],
  ['harvest', () => import('./harvest.js')],
  ['serve', () => import('./serve.js')],
  ['validate', () => import('./validate.js')],
  ['cli', () => import('./cli.js')],
  ['load', () => import('./load.js')],
  ['web', () => import('./web.js')],
]);

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? BENCHES.get(name) : undefined;
  if (!load) {
    console.error(`usage: npm run bench -- <${[...BENCHES.keys()].join('|')}> [options]`);
    return 2;
  }
  await (await load()).run(rest);
  return 0;
}

// A benchmark that refused its own set-up has set a failing exit code already: keep it.
const code = await main(process.argv.slice(2));
process.exitCode = process.exitCode || code;
