// **namespaces** holds the IRI prefixes sheaf reads and writes, one table for code, queries and serialisers.
export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dc: 'http://purl.org/dc/elements/1.1/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  prov: 'http://www.w3.org/ns/prov#',
  dqv: 'http://www.w3.org/ns/dqv#',
  sh: 'http://www.w3.org/ns/shacl#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  ldp: 'http://www.w3.org/ns/ldp#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  schema: 'http://schema.org/',
  spdx: 'http://spdx.org/rdf/terms#',
  odrl: 'http://www.w3.org/ns/odrl/2/',
  healthdcatap: 'http://healthdataportal.eu/ns/health#',
  eucaim: 'https://cancerimage.eu/ontology/EUCAIM#',
  fdp: 'https://w3id.org/fdp/fdp-o#',
  sheaf: 'https://w3id.org/sheaf/ns#',
} as const;

export type Prefix = keyof typeof NS;

/** Expands `dcat:Dataset` to its full IRI; throws on an unknown prefix so typos fail loudly. */
export function expand(curie: string): string {
  const colon = curie.indexOf(':');
  const prefix = curie.slice(0, colon) as Prefix;
  const ns = NS[prefix];
  if (ns === undefined) throw new Error(`unknown prefix in ${curie}`);
  return ns + curie.slice(colon + 1);
}
