// **SPARQL_EXAMPLES** are the queries the SPARQL editor offers to start from, written against the catalogue's DCAT records.

export interface SparqlExample {
  readonly title: string;
  readonly query: string;
}

const PREFIXES = `PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
`;

export const SPARQL_EXAMPLES: readonly SparqlExample[] = [
  {
    title: 'Datasets and their titles',
    query: `${PREFIXES}
SELECT ?dataset ?title WHERE {
  ?dataset a dcat:Dataset ;
           dct:title ?title .
}
ORDER BY ?title
LIMIT 50`,
  },
  {
    title: 'Datasets per publisher',
    query: `${PREFIXES}
SELECT ?publisher (SAMPLE(?name) AS ?publisherName) (COUNT(DISTINCT ?dataset) AS ?datasets) WHERE {
  ?dataset a dcat:Dataset ;
           dct:publisher ?publisher .
  OPTIONAL { ?publisher foaf:name ?name }
}
GROUP BY ?publisher
ORDER BY DESC(?datasets)`,
  },
  {
    title: 'Access URLs and formats of distributions',
    query: `${PREFIXES}
SELECT ?dataset ?accessURL ?format WHERE {
  ?dataset a dcat:Dataset ;
           dcat:distribution ?distribution .
  ?distribution dcat:accessURL ?accessURL .
  OPTIONAL { ?distribution dct:format ?format }
}
LIMIT 100`,
  },
  {
    title: 'Keywords, most used first',
    query: `${PREFIXES}
SELECT ?keyword (COUNT(?dataset) AS ?datasets) WHERE {
  ?dataset a dcat:Dataset ;
           dcat:keyword ?keyword .
}
GROUP BY ?keyword
ORDER BY DESC(?datasets)
LIMIT 50`,
  },
];
