// **readRdfPage** parses one fetched RDF page (negotiated, sniffed or overridden) and salvages its next link on error.
import type { Quad } from '@rdfjs/types';
import { Parser as N3Parser } from 'n3';
import { hydraNext, linkHeaderNext, type HydraLinks } from '../../src/core/hydra-next.js';
import { formatForMediaType, guessRdfFormat, parseRdf } from '../../src/core/parse-rdf.js';
import type { RdfFormat } from '../../src/core/rdf-format.js';
import type { FetchedPage } from '../../src/core/safe-fetch.js';

/** Accept header for RDF: Turtle first (compact, streamable), then the rest of what parseRdf reads. */
export const RDF_ACCEPT =
  'text/turtle, application/trig;q=0.95, application/n-quads;q=0.9, application/n-triples;q=0.9, ' +
  'application/ld+json;q=0.8, application/rdf+xml;q=0.7, */*;q=0.1';

// Servers often label RDF generically; for these the content decides, not the header.
const GENERIC = new Set(['text/plain', 'application/octet-stream', 'application/json', 'application/xml', 'text/xml']);

/** The page's paging facts: Hydra links (resolved) and stated size, the next link falling back to the Link header. */
export type PagePaging = HydraLinks;

export type PageRead =
  | ({ readonly ok: true; readonly quads: Quad[] } & PagePaging)
  | ({ readonly ok: false; readonly message: string } & PagePaging);

/** Chooses the syntax: the source's override, else a specific Content-Type, else sniffing. */
export function chooseFormat(page: FetchedPage, override?: RdfFormat): RdfFormat {
  if (override) return override;
  const media = page.contentType?.split(';')[0]!.trim().toLowerCase();
  const declared = media && !GENERIC.has(media) ? formatForMediaType(media) : undefined;
  return declared ?? guessRdfFormat(page.text().slice(0, 2048), new URL(page.url).pathname);
}

/**
 * Parses the page. The next link comes from Hydra in the body, else the HTTP Link header. When the
 * body is malformed, no record is taken from it (a half-parsed dataset is worse than none), but the
 * triples before the error are still searched for the next link so the walk can go on.
 */
export async function readRdfPage(page: FetchedPage, override?: RdfFormat, requestedUrl?: string): Promise<PageRead> {
  const format = chooseFormat(page, override);
  const text = page.text();
  const paging = (quads: Quad[]): PagePaging => {
    const links = hydraNext(quads, page.url, requestedUrl);
    const next = resolve(links.next, page.url) ?? linkHeaderNext(page.link, page.url);
    return {
      ...links, ...(next !== undefined && { next }),
      ...(links.last !== undefined && { last: resolve(links.last, page.url) }),
      ...(links.first !== undefined && { first: resolve(links.first, page.url) }),
      ...(links.previous !== undefined && { previous: resolve(links.previous, page.url) }),
    };
  };
  try {
    const quads = await parseRdf(text, { format, baseIri: page.url });
    return { ok: true, quads, ...paging(quads) };
  } catch (error) {
    const message = withLine(error instanceof Error ? error.message : String(error), text);
    const salvaged = format === 'turtle' || format === 'trig' ? await salvage(text, format, page.url) : [];
    return { ok: false, message, ...paging(salvaged) };
  }
}

/** JSON.parse reports a character offset; publishers fix files by line, so add line and column. */
function withLine(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m || /\bline \d+/.test(message)) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

function resolve(iri: string | undefined, base: string): string | undefined {
  return iri === undefined ? undefined : new URL(iri, base).href;
}

/** The triples a streaming N3 parse produced before the first syntax error. */
function salvage(text: string, format: RdfFormat, base: string): Promise<Quad[]> {
  const quads: Quad[] = [];
  const parser = new N3Parser({ format: format === 'trig' ? 'TriG' : 'Turtle', baseIRI: base });
  return new Promise((resolve) => {
    let done = false;
    // The callback reports each quad, then either the first error or the end (quad null): both settle.
    parser.parse(text, (error, quad) => {
      if (done) return;
      if (quad) quads.push(quad);
      if (error || !quad) {
        done = true;
        resolve(quads);
      }
    });
  });
}
