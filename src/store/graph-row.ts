// **graphRow** turns a graph's new content, triples or N-Triples text, into the embedded store's log row.
import { graphIriRef, tripleLine } from '../core/nquads.js';
import type { GraphContent } from './catalogue-store.js';
import type { GraphRow } from './graph-log.js';

/**
 * One row per graph, as N-Triples, each triple once (a graph is a set; the line count is the quad count). Triples are
 * written out here; text is kept as given, line by line (a writer of many small graphs of a fixed shape writes it
 * faster than terms can be built and serialised). The graph IRI is checked either way.
 */
export function graphRow(content: GraphContent): GraphRow {
  graphIriRef(content.graph);
  const lines = new Set<string>();
  if ('ntriples' in content) {
    for (const line of content.ntriples.split('\n')) if (line !== '') lines.add(`${line}\n`);
  } else {
    for (const quad of content.quads) lines.add(tripleLine(quad));
  }
  return { graph: content.graph, ntriples: [...lines].join(''), quads: lines.size };
}
