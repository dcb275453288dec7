// **runExport** does the work of `sheaf export` (declared in export.ts, loaded only when that command runs): streams the whole catalogue.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataFactory, StreamWriter } from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadConfig } from '../core/config.js';
import { NS } from '../core/namespaces.js';
import { quadLine, tripleLine } from '../core/nquads.js';
import { openStore } from '../store/open-store.js';
import { stateBackupQuads } from '../store/state-backup.js';
import { openStateDb } from '../store/state-db.js';
import { EXPORT_FORMATS as FORMATS, type ExportFormat, type ExportOptions } from './export.js';

/** Line formats are written directly, many lines per chunk; graph formats go through N3's writer. */
async function* lines(quads: AsyncIterable<Quad>, line: (q: Quad) => string, counter: { n: number }) {
  let chunk = '';
  for await (const quad of quads) {
    chunk += line(quad);
    counter.n++;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

async function* counted(quads: AsyncIterable<Quad>, counter: { n: number }, toDefault: boolean) {
  for await (const quad of quads) {
    counter.n++;
    yield toDefault ? DataFactory.quad(quad.subject, quad.predicate, quad.object) : quad;
  }
}

/** The store's graphs, then (for formats that keep graphs) the state graph a restore needs beside them. */
async function* backup(graphs: AsyncIterable<Quad>, state: Iterable<Quad> | undefined): AsyncIterable<Quad> {
  yield* graphs;
  if (state) yield* state;
}

async function write(quads: AsyncIterable<Quad>, format: ExportFormat, out: Writable): Promise<number> {
  const counter = { n: 0 };
  if (format === 'nq' || format === 'nt') {
    await pipeline(Readable.from(lines(quads, format === 'nq' ? quadLine : tripleLine, counter)), out);
  } else {
    // Turtle has no graphs: the catalogue's graphs are merged (blank nodes stay apart, labelled per graph).
    const writer = new StreamWriter({ format: format === 'trig' ? 'application/trig' : 'text/turtle', prefixes: { ...NS } });
    await pipeline(Readable.from(counted(quads, counter, format === 'ttl')), writer, out);
  }
  return counter.n;
}

/** Runs `sheaf export`: the store's graphs (and, for nq and trig, the state) to stdout or a file. */
export async function runExport(opts: ExportOptions): Promise<void> {
  const format = opts.format.toLowerCase() as ExportFormat;
  if (!FORMATS.includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`);
  const config = loadConfig(process.env, { ...(opts.data !== undefined && { dataDir: opts.data }) });
  // Read-only: a backup can be taken while `sheaf serve` runs on the same directory.
  const store = await openStore(config, { bulk: true, readOnly: true });
  // The state is read in the same read-only way (a catalogue on a remote store keeps it here too).
  const withState = format === 'nq' || format === 'trig';
  const state = withState && fs.existsSync(path.join(config.dataDir, 'sheaf.db')) ? openStateDb(config.dataDir, { readOnly: true }) : undefined;
  try {
    const out = opts.output === undefined ? process.stdout : fs.createWriteStream(opts.output);
    const n = await write(backup(store.dump(), state && stateBackupQuads(state.db)), format, out).catch((error: NodeJS.ErrnoException) => {
      // A closed pipe (`sheaf export | head`) means the reader has all it wanted; not an error.
      if (error.code === 'EPIPE') return -1;
      throw error;
    });
    if (n >= 0) process.stderr.write(`sheaf export: ${n} quads\n`);
  } finally {
    state?.close();
    await store.close();
  }
}
