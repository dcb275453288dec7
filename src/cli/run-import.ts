// **runImport** does the work of `sheaf import` (declared in import.ts, loaded only when that command runs): loads a file, each graph replacing the stored one.
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { StreamParser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadConfig } from '../core/config.js';
import { CatErrors } from '../core/errors.js';
import type { LoadProgress } from '../store/catalogue-store.js';
import { openStore } from '../store/open-store.js';
import { logOnlyGraphs } from '../catalogue/log-only-graphs.js';
import { markDemoOffered } from '../pipeline/demo-feed.js';
import { StateRestore } from '../store/state-backup.js';
import { openStateDb } from '../store/state-db.js';
import { IMPORT_FORMATS as FORMATS, type ImportOptions } from './import.js';

function parserFormat(file: string, format: string | undefined): string {
  const name = (format ?? file.split('.').pop() ?? '').toLowerCase();
  const parser = FORMATS.get(name);
  if (parser === undefined) {
    throw new Error(`cannot tell the format of "${file}": use --format ${[...FORMATS.keys()].join('|')}`);
  }
  return parser;
}

/** Progress on stderr: a bar on a terminal, one plain line per committed batch otherwise (logs, CI). */
function progressReporter(totalBytes: number): { update(p: LoadProgress, bytes: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    return {
      update: (p) => process.stderr.write(`sheaf import: ${p.quads} quads in ${p.graphs} graphs committed\n`),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'importing |{bar}| {percentage}% | {quads} quads, {graphs} graphs committed',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes, 1), 0, { quads: 0, graphs: 0 });
  return {
    update: (p, bytes) => bar.update(bytes, { quads: p.quads, graphs: p.graphs }),
    stop: () => bar.stop(),
  };
}

/**
 * The parser's quads, less a backup's state graph (kept by `state`); an error raised before or while they are
 * read is thrown from the iteration.
 */
async function* quadsOf(parser: StreamParser, state: StateRestore): AsyncIterable<Quad> {
  let failure: Error | undefined;
  parser.on('error', (error: Error) => (failure ??= error));
  for await (const quad of parser as AsyncIterable<Quad>) if (!state.take(quad)) yield quad;
  if (failure !== undefined) throw failure;
}

/** Runs `sheaf import <file>`: streams the file into the store, restores a backup's state, reports on stderr. */
export async function runImport(file: string, opts: ImportOptions): Promise<void> {
  const format = parserFormat(file, opts.format);
  const size = fs.statSync(file).size;
  const config = loadConfig(process.env, { ...(opts.data !== undefined && { dataDir: opts.data }) });
  const store = await openStore(config, { bulk: true, logOnly: logOnlyGraphs(config) });
  const started = performance.now();
  const input = fs.createReadStream(file);
  const parser = new StreamParser({ format });
  const progress = progressReporter(size);
  try {
    input.on('error', (error) => parser.destroy(error));
    const state = new StateRestore();
    const quads = quadsOf(input.pipe(parser), state);
    const done = await store.load(quads, { onProgress: (p) => progress.update(p, input.bytesRead) });
    progress.stop();
    // Feeds, runs, tokens, record index and quality of a `sheaf export` backup; the search index is rebuilt
    // from the store at the first start. An imported catalogue is never a fresh directory: no demo on top.
    const stateDb = openStateDb(config.dataDir);
    try {
      state.apply(stateDb.db);
      markDemoOffered(stateDb.db);
    } finally {
      stateDb.close();
    }
    if (state.rows > 0) process.stderr.write(`sheaf import: ${state.rows} rows of feeds, runs, tokens, record index and quality restored\n`);
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(
      `sheaf import: ${done.quads} quads in ${done.graphs} graphs in ${seconds.toFixed(1)} s ` +
        `(${Math.round(done.quads / seconds)} quads/s)\n`,
    );
  } catch (error) {
    progress.stop();
    const code = (error as { code?: string }).code;
    // Parser errors carry no code; batches committed before the error stay (each graph whole).
    throw code?.startsWith('CAT_ERR_') ? error : new CatErrors.BAD_RDF(`${file}: ${(error as Error).message}`);
  } finally {
    await store.close();
  }
}
