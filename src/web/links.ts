// **links** builds the console's own addresses and vets harvested ones before they become clickable.

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
