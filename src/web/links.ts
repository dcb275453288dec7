// **links** builds the console's own addresses and vets harvested ones before they become clickable.
import { NS } from '../core/namespaces.js';

/** A harvested URL only becomes a link when it is http(s) or mailto: never `javascript:`, `data:` or `vbscript:`. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Discover filtered by one facet value. */
export const facetHref = (facet: string, value: string): string => `/?${new URLSearchParams({ [facet]: value }).toString()}`;

export const datasetHref = (id: string): string => `/datasets/${encodeURIComponent(id)}`;

/** An ontology term's page. */
export const termHref = (iri: string): string => `/ontology/term?${new URLSearchParams({ iri }).toString()}`;

/** A property IRI (bare, or `<…>` as a SHACL path is written) as a prefixed name people know (`dct:license`), or the IRI itself. */
export function compactIri(written: string): string {
  const iri = /^<[^<>\s]*>$/.test(written) ? written.slice(1, -1) : written;
  for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}
