// **chaos** (`npm run chaos -- [--harvests N] [--imports M] [--seed S]`): faults and kill -9 against a real sheaf.
//
// A fixture feed (Hydra-paged DCAT, test/chaos/fault-source.ts) changes between rounds (updated titles, a shrinking
// source, a source reverting to its first state) and misbehaves on one page per round (5xx, reset, hang, truncated
// body, a next link looping back, a redirect back). A real `sheaf serve` harvests it and is killed with SIGKILL at a
// random moment of most runs, then restarted. After each round, once a fault-free harvest ran, the data directory
// must hold every record as its source has it: no lost record (nor one withdrawn while its source still listed it),
// no stale record, no orphan graph, no stuck run. Then backups are imported into fresh directories, each import
// killed at a random moment and run again, and checked the same way. Exit status 1 when any count is not 0.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
// A seeded generator, so a failing run can be repeated with its --seed.
import { random } from '../../bench/synthetic-dcat.js';
import { startFixtureServer } from '../fixture-server.js';
import { DS } from '../pipeline/feed-pages.js';
import { checkCatalogue, type CatalogueCheck } from './check-catalogue.js';
import { FAULT_KINDS, faultSource, type Fault, type FaultSource } from './fault-source.js';
import { BASE, BIN, SheafProcess, sheafEnv } from './sheaf-process.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function option(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, got "${args[at + 1]}"`);
  return value;
}

type Mutation = 'update' | 'shrink' | 'revert';

/** Changes the source as publishers do between harvests. A shrink stays under the feed's withdrawal guard. */
function mutate(source: FaultSource, rnd: () => number): Mutation {
  const { content } = source;
  const ids = [...source.current().keys()];
  const pick = rnd();
  if (pick < 0.5) {
    for (const i of ids) if (rnd() < 0.35) content.versions.set(i, (content.versions.get(i) ?? 1) + 1);
    return 'update';
  }
  if (pick < 0.8) {
    for (let n = 1 + Math.floor(rnd() * 2); n > 0 && ids.length > 0; n--) content.dropped.add(ids.splice(Math.floor(rnd() * ids.length), 1)[0]!);
    return 'shrink';
  }
  content.versions.clear();
  content.dropped.clear();
  return 'revert';
}

function pickFault(rnd: () => number, pages: number): Fault {
  const kind = FAULT_KINDS[Math.floor(rnd() * FAULT_KINDS.length)]!;
  const page = 2 + Math.floor(rnd() * (pages - 1));
  if (kind === 'none') return { kind };
  if (kind === 'loop' || kind === 'redirect') return { kind, page, to: 1 + Math.floor(rnd() * (page - 1)) };
  return { kind, page };
}

/** Records this round withdrew although the source still lists them: data loss even if a later run brings them back. */
function wrongfulWithdrawals(dataDir: string, feedId: string, since: string, listed: ReadonlyMap<number, number>): string[] {
  const db = new Database(path.join(dataDir, 'sheaf.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT key FROM records WHERE feed_id = ? AND state = 'withdrawn' AND withdrawn_at >= ?").all(feedId, since) as { key: string }[];
    const keys = new Set([...listed.keys()].map(DS));
    return rows.map((r) => r.key).filter((k) => keys.has(k));
  } finally {
    db.close();
  }
}

interface Totals { lost: number; orphan: number; stale: number; stuck: number }
const add = (t: Totals, c: Pick<CatalogueCheck, keyof Totals>): void => {
  t.lost += c.lost;
  t.orphan += c.orphan;
  t.stale += c.stale;
  t.stuck += c.stuck;
};
const counts = (c: Totals) => `lost ${c.lost}, orphan ${c.orphan}, stale ${c.stale}, stuck ${c.stuck}`;

/** Runs `sheaf import`, killed after `killAfterMs` when given; resolves with how it ended. */
function sheafImport(file: string, dataDir: string, killAfterMs?: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, [BIN, 'import', file, '--data', dataDir], { env: sheafEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

async function main(args: readonly string[]): Promise<number> {
  const harvests = option(args, 'harvests', 20);
  const imports = option(args, 'imports', 2);
  const seed = option(args, 'seed', Math.floor(Math.random() * 1e9));
  const pages = Math.max(2, option(args, 'pages', 6));
  const perPage = Math.max(1, option(args, 'per-page', 10));
  const rnd = random(seed);
  const started = performance.now();
  const source = faultSource(pages, perPage);
  const server = await startFixtureServer(source.routes);
  const tmp = mkdtempSync(path.join(tmpdir(), 'sheaf-chaos-'));
  const data = path.join(tmp, 'data');
  const sheaf = new SheafProcess(data);
  const totals: Totals = { lost: 0, orphan: 0, stale: 0, stuck: 0 };
  let kills = 0;
  console.log(`chaos: seed ${seed}, ${harvests} harvests, ${imports} imports, ${pages} pages x ${perPage} datasets; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    await sheaf.start();
    const registered = await sheaf.api('POST', '/api/feeds', { url: server.url('/feed?page=1'), protocol: 'dcat', title: 'chaos', schedule: '0 0 1 1 *' });
    if (registered.status !== 201) throw new Error(`feed registration failed: ${registered.status} ${JSON.stringify(registered.json)}`);
    const feedId = registered.json.id as string;
    const first = await sheaf.run(await sheaf.harvest(feedId));
    if (first.status !== 'succeeded') throw new Error(`the first harvest ${first.status}:\n${sheaf.log}`);

    for (let round = 1; round <= harvests; round++) {
      const mutation = mutate(source, rnd);
      const fault = pickFault(rnd, pages);
      // A hung page holds the run until its fetch times out: that round always ends in a kill.
      const kill = fault.kind === 'hang' || rnd() < 0.75;
      const killAt = Math.floor(rnd() * 1_500);
      const since = new Date().toISOString();
      source.fault = fault;
      const runId = await sheaf.harvest(feedId);
      let faulted: string;
      if (kill) {
        await sleep(killAt);
        await sheaf.kill();
        kills += 1;
        faulted = `killed at ${killAt} ms`;
      } else {
        faulted = (await sheaf.run(runId)).status;
      }
      source.fault = { kind: 'none' };
      // The restarted process closes the interrupted run and starts a recovery run of the feed on its own.
      if (kill) await sheaf.start();
      await sheaf.idle(feedId);
      const wrongful = wrongfulWithdrawals(data, feedId, since, source.current());
      const clean = await sheaf.run(await sheaf.harvest(feedId));
      const check = checkCatalogue({ dataDir: data, base: BASE, feedId, expected: source.current() });
      const found = { ...check, lost: check.lost + wrongful.length };
      add(totals, found);
      const where = fault.kind === 'none' ? 'no fault' : `${fault.kind} on page ${fault.page}${'to' in fault ? ` to ${fault.to}` : ''}`;
      console.log(`harvest ${round}: ${mutation}, ${where}, ${faulted}; fault-free run ${clean.status}; ${counts(found)}`);
      for (const line of [...wrongful.map((k) => `lost: ${k} withdrawn while its source listed it`), ...check.findings].slice(0, 10)) console.log(`  ${line}`);
    }

    await sheaf.stop();
    const backup = path.join(tmp, 'backup.nq');
    await promisify(execFile)(process.execPath, [BIN, 'export', '--data', data, '-o', backup], { env: sheafEnv(data) });
    for (let i = 1; i <= imports; i++) {
      const target = path.join(tmp, `import-${i}`);
      const killAt = 50 + Math.floor(rnd() * 900);
      const cut = await sheafImport(backup, target, killAt);
      const again = await sheafImport(backup, target);
      if (again.code !== 0) throw new Error(`the import after a kill failed (${again.code}):\n${again.out}`);
      const check = checkCatalogue({ dataDir: target, base: BASE, feedId, expected: source.current() });
      add(totals, check);
      kills += cut.signal === 'SIGKILL' ? 1 : 0;
      console.log(`import ${i}: ${cut.signal === 'SIGKILL' ? `killed at ${killAt} ms` : 'ended before its kill'}, imported again; ${counts(check)}`);
      for (const line of check.findings.slice(0, 10)) console.log(`  ${line}`);
    }
  } finally {
    await sheaf.kill().catch(() => {});
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`chaos: ${harvests} harvests, ${imports} imports, ${kills} kills -9 in ${((performance.now() - started) / 1000).toFixed(0)} s: ${counts(totals)}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  return totals.lost + totals.orphan + totals.stale + totals.stuck === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`chaos: ${error.stack ?? error.message}`);
  return 2;
});
