// **prepareUpdate** turns a protocol update request into what the store runs: checked, with `using-*-uri` applied.
import type sparqljs from 'sparqljs';
import { CatErrors } from '../../core/errors.js';
import { assertServicesAllowed } from './assert-services.js';
import { generator, parseSparql } from './parse-sparql.js';

export interface PrepareUpdateOptions {
  readonly baseIri: string;
  /** Protocol `using-graph-uri` / `using-named-graph-uri` (SPARQL 1.1 Protocol §2.2.3). */
  readonly usingGraphUris: readonly string[];
  readonly usingNamedGraphUris: readonly string[];
  readonly peers: readonly string[];
}

const named = (value: string): sparqljs.IriTerm => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm;

/** Parses and checks the update; protocol USING graphs become USING clauses, which the store applies natively. */
export function prepareUpdate(text: string, opts: PrepareUpdateOptions): string {
  const parsed = parseSparql(text, { baseIri: opts.baseIri, expect: 'update' });
  assertServicesAllowed(parsed, opts.peers);
  const protocolDataset = opts.usingGraphUris.length > 0 || opts.usingNamedGraphUris.length > 0;
  if (!protocolDataset) return generator.stringify(parsed);

  const updates = parsed.updates.map((operation) => {
    if (!('updateType' in operation) || operation.updateType !== 'insertdelete') return operation;
    // The protocol forbids combining using-*-uri with USING/WITH in the request itself.
    if (operation.using !== undefined || operation.graph !== undefined) {
      throw new CatErrors.BAD_REQUEST('using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH in the update');
    }
    return {
      ...operation,
      using: { default: opts.usingGraphUris.map(named), named: opts.usingNamedGraphUris.map(named) },
    };
  });
  return generator.stringify({ ...parsed, updates });
}
