// **offlineDocumentLoader** answers JSON-LD context requests from bundled files and refuses every other fetch.
import { readFileSync } from 'node:fs';
import { packageFile } from './package-root.js';

const bundled = (file: string): unknown => JSON.parse(readFileSync(packageFile(`src/core/jsonld-contexts/${file}`), 'utf8'));

// Read once at module load. Our own minimal contexts covering the terms catalogues use, not copies of
// the upstream files: a term missing here is dropped by JSON-LD, never fetched.
const SCHEMA_ORG = bundled('schema-org.jsonld');
const DCAT_AP_3 = bundled('dcat-ap-3.jsonld');

const CONTEXTS: ReadonlyMap<string, unknown> = new Map([
  ...['http://schema.org', 'https://schema.org', 'http://schema.org/', 'https://schema.org/',
    'https://schema.org/docs/jsonldcontext.json', 'https://schema.org/docs/jsonldcontext.jsonld',
    'http://schema.org/docs/jsonldcontext.json'].map((u) => [u, SCHEMA_ORG] as const),
  ...['https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld',
    'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.1/html/examples/context.jsonld',
    'https://raw.githubusercontent.com/SEMICeu/DCAT-AP/master/releases/3.0.0/context/dcat-ap.jsonld',
    'https://raw.githubusercontent.com/SEMICeu/DCAT-AP/master/releases/3.0.1/context/dcat-ap.jsonld'].map((u) => [u, DCAT_AP_3] as const),
]);

/** The bundled context URLs, for documentation and error messages. */
export const BUNDLED_CONTEXTS: readonly string[] = [...CONTEXTS.keys()];

export interface RemoteDocument {
  readonly contextUrl: undefined;
  readonly documentUrl: string;
  readonly document: unknown;
}

/**
 * A `documentLoader` for jsonld.js: well-known contexts come from disk, anything else is refused, so
 * parsing never depends on (or leaks requests to) a third party.
 */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  const document = CONTEXTS.get(url);
  if (document === undefined) throw new Error(`remote JSON-LD context refused (sheaf never fetches contexts): ${url}`);
  return { contextUrl: undefined, documentUrl: url, document };
}
