// **openStore** chooses the backend once, from config; no other file asks which backend runs.
import type { SheafConfig } from '../core/config.js';
import type { CatalogueStore } from './catalogue-store.js';

/**
 * `bulk`: the caller only streams data in or out (import, export), so a backend may skip warming up its
 * query engine until a query needs it. `readOnly`: the caller only reads (export), so it need not wait for,
 * or lock out, a process that writes. `logOnly`: graph IRI prefixes the embedded store keeps out of its query
 * index (src/catalogue/log-only-graphs.ts decides which); the remote backend holds everything. `serving`: the
 * caller answers the public (`sheaf serve`), so the embedded store keeps `config.indexReplicas` copies of its index.
 * `background`: return before the embedded store's index is built (the caller awaits `store.ready()` later; queries
 * and writes wait for it meanwhile), so that a server can answer liveness while the index loads.
 */
export async function openStore(
  config: SheafConfig,
  options: { readonly bulk?: boolean; readonly readOnly?: boolean; readonly logOnly?: readonly string[]; readonly serving?: boolean; readonly background?: boolean } = {},
): Promise<CatalogueStore> {
  if (config.store === 'sparql') {
    // The remote backend is only loaded when configured (house style: heavy options get their own entry).
    const { SparqlRemoteStore } = await import('./sparql-remote.js');
    if (!config.sparql) throw new Error('SHEAF_STORE=sparql needs SHEAF_SPARQL_QUERY_URL');
    return SparqlRemoteStore.open(config.sparql);
  }
  const { OxigraphStore } = await import('./oxigraph.js');
  return OxigraphStore.open({
    dataDir: config.dataDir,
    index: options.bulk ? 'lazy' : options.background ? 'background' : 'eager',
    readOnly: options.readOnly,
    logOnly: options.logOnly,
    indexReplicas: options.serving ? config.indexReplicas : 1,
  });
}
