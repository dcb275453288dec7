// **runValidate** does the work of `sheaf validate` (declared in validate.ts, loaded only when that command runs).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../core/config.js';
import { RDF_MEDIA_TYPES } from '../core/parse-rdf.js';
import { loadProfiles } from '../ontology/profile-composer.js';
import { readRdfFile } from '../validate/profile-registry.js';
import { ShaclValidator } from '../validate/shacl-validator.js';
import { checkShapesGraph } from '../ontology/check-shapes-graph.js';
import { validateDocument, type DocumentValidation } from '../validate/validate-document.js';
import type { ResultRow } from '../validate/summarise-report.js';
import { loadBundledContext } from '../normalise/index.js';
import { dryRunNormaliser } from '../pipeline/normalisation-results.js';

export interface ValidateOptions {
  profile?: string;
  shapes?: string;
  format: 'text' | 'json' | 'ttl';
  profiles?: string;
  raw?: boolean;
}

/** Exit code for input that cannot be read or parsed; 1 is kept for "the data has violations". */
const EXIT_UNREADABLE = 2;

/** Runs `sheaf validate <source>`: reads, normalises (unless --raw), validates, prints the report and sets the exit code. */
export async function runValidate(source: string, opts: ValidateOptions): Promise<void> {
  if (!['text', 'json', 'ttl'].includes(opts.format)) throw new Error(`--format must be text, json or ttl, not "${opts.format}"`);
  const input = await readSource(source);
  const result = await unreadableOnFailure(async () => {
    // What a harvest does to a record before validating it, unless --raw (the same function, see normalisation-results.ts).
    const normalise = opts.raw ? undefined : dryRunNormaliser(await loadBundledContext());
    const withNormalise = { ...input, ...(normalise !== undefined && { normalise }) };
    if (opts.shapes !== undefined) {
      return validateDocument({ ...withNormalise, validator: await shapesFileValidator(opts.shapes) });
    }
    const registry = await loadProfiles(opts.profiles === undefined ? {} : { manifest: opts.profiles });
    if (opts.profile !== undefined) registry.get(opts.profile);
    return validateDocument({ ...withNormalise, registry, ...(opts.profile !== undefined && { profile: opts.profile }) });
  });
  process.stdout.write(await render(result, opts.format, source));
  if (result.counts.violations > 0) process.exitCode = 1;
}

async function unreadableOnFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    process.exitCode = EXIT_UNREADABLE;
    throw error;
  }
}

async function readSource(source: string): Promise<{ text: string; name: string; baseIri: string; contentType?: string }> {
  return unreadableOnFailure(async () => {
    if (/^https?:\/\//i.test(source)) {
      // The HTTP client loads only for a URL: validating a file never pays for it.
      const { SafeFetcher } = await import('../core/safe-fetch.js');
      const config = loadConfig(process.env);
      const fetcher = new SafeFetcher({ allowPrivateNetworks: config.allowPrivateNetworks, retries: 0 });
      const page = await fetcher.fetch(source, { accept: RDF_MEDIA_TYPES.join(', ') });
      const contentType = page.contentType?.split(';')[0]?.trim();
      // Servers often label RDF as text/plain or octet-stream; then the name and content decide.
      const useType = contentType !== undefined && contentType !== 'text/plain' && contentType !== 'application/octet-stream';
      return { text: page.text(), name: page.url, baseIri: page.url, ...(useType && { contentType }) };
    }
    const path = resolve(source);
    try {
      return { text: await readFile(path, 'utf8'), name: path, baseIri: pathToFileURL(path).href };
    } catch (error) {
      throw new Error(`cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  });
}

async function shapesFileValidator(file: string): Promise<ShaclValidator> {
  const shapes = await readRdfFile(resolve(file));
  const check = await checkShapesGraph(shapes);
  if (check.counts.violations > 0) {
    throw new Error(`${file} is not a well-formed shapes graph: ${check.results.slice(0, 3).map((r) => `${r.focusNode}: ${r.message}`).join('; ')}`);
  }
  // A user's own shapes get the specification's report: one result per shape, as other SHACL engines give.
  return ShaclValidator.compile({ shapes, mergeShapeDuplicates: false });
}

async function render(result: DocumentValidation, format: ValidateOptions['format'], source: string): Promise<string> {
  if (format === 'ttl') return (await import('../core/rdf-serialize.js')).serializeRdf(result.reportQuads(), { format: 'turtle' });
  if (format === 'json') {
    const { reportQuads: _omit, ...summary } = result;
    return `${JSON.stringify(summary, null, 2)}\n`;
  }
  const { violations, warnings, infos } = result.counts;
  const lines = [
    `${source}: ${result.status} — ${violations} violation(s), ${warnings} warning(s), ${infos} info(s)` +
      `${result.profile ? ` [profile ${result.profile}]` : ''}`,
  ];
  const order = { Violation: 0, Warning: 1, Info: 2 } as const;
  for (const r of [...result.results].sort((a, b) => order[a.severity] - order[b.severity])) lines.push(resultLine(r));
  return `${lines.join('\n')}\n`;
}

function resultLine(r: ResultRow): string {
  const where = [r.focusNode, r.path].filter(Boolean).join(' ');
  const value = r.value !== undefined ? ` value ${r.value}` : '';
  return `  ${r.severity.padEnd(9)} ${where}${value}: ${r.message || r.sourceConstraintComponent.replace(/^.*#/, '')}`;
}
