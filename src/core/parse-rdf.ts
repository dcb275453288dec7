// **parseRdf** turns an RDF document (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into RDF/JS quads, offline.
import { Parser as N3Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { CatErrors } from './errors.js';
import { offlineDocumentLoader } from './offline-document-loader.js';
import type { RdfFormat } from './rdf-format.js';


export interface ParseRdfOptions {
  /** Either a format name or a media type (parameters such as `; charset=utf-8` are ignored). */
  readonly format?: RdfFormat;
  readonly contentType?: string;
  /** Base IRI for relative IRIs; documents fetched from a URL should pass that URL. */
  readonly baseIri?: string;
}

// Media type → parser; one table so the CLI, the HTTP routes and the harvesters agree.
const MEDIA_TYPES: ReadonlyMap<string, RdfFormat> = new Map([
  ['text/turtle', 'turtle'],
  ['application/x-turtle', 'turtle'],
  ['application/n-triples', 'n-triples'],
  ['text/plain', 'n-triples'],
  ['application/n-quads', 'n-quads'],
  ['application/trig', 'trig'],
  ['application/ld+json', 'json-ld'],
  ['application/json', 'json-ld'],
  ['application/rdf+xml', 'rdf-xml'],
  ['application/xml', 'rdf-xml'],
  ['text/xml', 'rdf-xml'],
  ['application/owl+xml', 'rdf-xml'],
]);

const EXTENSIONS: ReadonlyMap<string, RdfFormat> = new Map([
  ['ttl', 'turtle'],
  ['nt', 'n-triples'],
  ['nq', 'n-quads'],
  ['trig', 'trig'],
  ['jsonld', 'json-ld'],
  ['json', 'json-ld'],
  ['rdf', 'rdf-xml'],
  ['owl', 'rdf-xml'],
  ['xml', 'rdf-xml'],
]);

/** The media types {@link parseRdf} accepts, for `Accept` headers and 415 messages. */
export const RDF_MEDIA_TYPES: readonly string[] = [...MEDIA_TYPES.keys()];

/** Maps a media type to a format, or undefined when it is not an RDF syntax we read. */
export function formatForMediaType(contentType: string): RdfFormat | undefined {
  return MEDIA_TYPES.get(contentType.split(';')[0]!.trim().toLowerCase());
}

/** Guesses the format from a file name or URL path, then from the first characters of the text. */
export function guessRdfFormat(text: string, name = ''): RdfFormat {
  const ext = /\.([a-z]+)(?:[?#].*)?$/i.exec(name)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : EXTENSIONS.get(ext);
  if (byExt !== undefined) return byExt;
  const head = text.trimStart();
  if (head.startsWith('<?xml') || /^<rdf:RDF/.test(head)) return 'rdf-xml';
  if (head.startsWith('{') || head.startsWith('[')) return 'json-ld';
  return 'turtle';
}

/** Parses `text`; throws CatErrors.BAD_RDF with the parser's message on malformed input. */
export async function parseRdf(text: string, opts: ParseRdfOptions = {}): Promise<Quad[]> {
  const format = opts.format ?? (opts.contentType === undefined ? undefined : formatForMediaType(opts.contentType));
  if (format === undefined) {
    throw new CatErrors.UNSUPPORTED_MEDIA_TYPE(`${opts.contentType ?? '(none)'}; expected one of ${RDF_MEDIA_TYPES.join(', ')}`);
  }
  try {
    switch (format) {
      case 'rdf-xml':
        return await parseRdfXml(text, opts.baseIri);
      case 'json-ld':
        return await parseJsonLd(text, opts.baseIri);
      default:
        return parseN3(text, format, opts.baseIri);
    }
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('CAT_ERR_')) throw error;
    throw new CatErrors.BAD_RDF(`${format}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const N3_FORMATS: Record<string, string> = {
  turtle: 'Turtle',
  'n-triples': 'N-Triples',
  'n-quads': 'N-Quads',
  trig: 'TriG',
};

function parseN3(text: string, format: RdfFormat, baseIri?: string): Quad[] {
  const parser = new N3Parser({ format: N3_FORMATS[format], ...(baseIri !== undefined && { baseIRI: baseIri }) });
  return parser.parse(text);
}

// The RDF/XML parser expands internal DTD entities (OWL files depend on `&owl;`-style ones), so the DOCTYPE is
// screened first: no external entities, no entity that refers to another (the "billion laughs" shape), and no
// more expansion than a document's own entities plausibly need. One large entity referenced many times (a 530 kB
// document became a 524 MB literal) is the shape the last rule stops; namespace entities add a few times the
// length of their references at most.
const EXPANSION_FACTOR = 4;
const EXPANSION_ALLOWANCE = 1024 * 1024;

function screenDoctype(text: string): void {
  const found = /<!DOCTYPE[\s\S]*?\]\s*>/i.exec(text);
  if (found === null) return;
  const doctype = found[0];
  if (/<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b/i.test(doctype)) throw new Error('external DTD entities are refused');
  if (/<!ENTITY\s+%/i.test(doctype)) throw new Error('parameter entities are refused');
  const lengths = new Map<string, number>();
  for (const m of doctype.matchAll(/<!ENTITY\s+(\S+)\s+(["'])([\s\S]*?)\2/gi)) {
    if (m[3]!.includes('&')) throw new Error('nested DTD entities are refused');
    lengths.set(m[1]!, m[3]!.length);
  }
  if (lengths.size === 0) return;
  let expanded = 0;
  for (const ref of text.slice(found.index + doctype.length).matchAll(/&([^\s&;#<>"']+);/g)) expanded += lengths.get(ref[1]!) ?? 0;
  const limit = EXPANSION_FACTOR * text.length + EXPANSION_ALLOWANCE;
  if (expanded > limit) {
    throw new Error(`internal DTD entities would expand to ${expanded} characters, more than the ${limit} allowed for a document of ${text.length} (${EXPANSION_FACTOR}× its size + 1 MiB)`);
  }
}

// The RDF/XML and JSON-LD parsers load on first use: a process reading Turtle only (`sheaf validate` of a .ttl file)
// never pays for their modules.
async function parseRdfXml(text: string, baseIri?: string): Promise<Quad[]> {
  screenDoctype(text);
  const { StrictRdfXmlParser } = await import('./strict-rdf-xml-parser.js');
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new StrictRdfXmlParser({ trackPosition: true, ...(baseIri !== undefined && { baseIRI: baseIri }) });
    parser.on('data', (q: Quad) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

// JSON-LD must never reach the network: well-known contexts (schema.org, DCAT-AP) are bundled, others refused.
const offlineLoader = offlineDocumentLoader;

async function parseJsonLd(text: string, baseIri?: string): Promise<Quad[]> {
  const doc = JSON.parse(text) as object;
  const { default: jsonld } = await import('jsonld');
  let nquads: string;
  try {
    nquads = (await jsonld.toRDF(doc, {
      format: 'application/n-quads',
      documentLoader: offlineLoader as never,
      ...(baseIri !== undefined && { base: baseIri }),
    })) as unknown as string;
  } catch (error) {
    const url = (error as { details?: { url?: string } }).details?.url;
    if (url !== undefined) throw new Error(`remote JSON-LD context refused (sheaf never fetches contexts): ${url}`);
    throw error;
  }
  return new N3Parser({ format: 'N-Quads' }).parse(nquads);
}
