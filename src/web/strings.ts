// **S** holds every piece of text the web console shows, in one place (labels, messages, help).

export const S = {
  site: 'sheaf',
  tagline: 'Cancer-imaging datasets from many repositories, one catalogue',
  skip: 'Skip to content',
  nav: { discover: 'Discover', ontology: 'Ontology', basket: 'Basket', sparql: 'SPARQL', api: 'API', signIn: 'Sign in', signOut: 'Sign out' },
  theme: 'Colours follow your system setting (light or dark).',
  discover: {
    title: 'Discover datasets',
    search: 'Search',
    searchHint: 'Words, ontology terms, synonyms or codes (SNOMED CT, NCIt, RadLex…)',
    apply: 'Apply filters',
    clear: 'Clear all',
    filters: 'Filters',
    ranges: 'Numbers and years',
    sort: 'Sort by',
    sorts: { relevance: 'relevance', title: 'title', modified: 'last modified', subjects: 'subjects', studies: 'studies' },
    min: 'from', max: 'to',
    rangeNames: { subjects: 'Subjects', studies: 'Studies', age: 'Age (years)', year: 'Acquisition year' },
    notInteger: 'Enter a whole number of 0 or more.',
    minAboveMax: 'The lower bound is above the upper bound.',
    results: (total: number) => (total === 1 ? '1 dataset' : `${total.toLocaleString('en')} datasets`),
    none: 'No dataset matches. Remove a filter or search for fewer words.',
    narrower: (n: number) => (n === 1 ? '1 narrower term' : `${n} narrower terms`),
    sums: (subjects: number, studies: number) => `Σ ${subjects.toLocaleString('en')} subjects, ${studies.toLocaleString('en')} studies`,
    caveat: 'Subjects and studies are summed over datasets: they are not de-duplicated across datasets.',
    counts: 'Counts include narrower terms.',
    prev: 'Previous page', next: 'Next page',
    page: (page: number, pages: number) => `Page ${page} of ${pages}`,
    pick: 'Add to basket',
    toBasket: 'Open the basket with the picked datasets',
    subjects: 'subjects', studies: 'studies', modified: 'modified', feed: 'feed',
  },
  facets: {
    condition: 'Condition', modality: 'Imaging modality', bodyPart: 'Body part', manufacturer: 'Equipment manufacturer',
    sex: 'Birth sex', tier: 'Interoperability tier', datasetType: 'Dataset type', collectionMethod: 'Collection method',
    accessRights: 'Access rights', accessCondition: 'Access condition', publisher: 'Publisher', theme: 'Theme', format: 'Format',
    licence: 'Licence', country: 'Country or area',
  } as Record<string, string>,
  basket: {
    title: 'Basket',
    empty: 'The basket is empty. Pick datasets on the Discover page.',
    intro: 'Datasets picked for export. The basket lives in this page’s address: bookmark or share it.',
    remove: 'Remove',
    export: 'Export',
    formats: { ttl: 'DCAT as Turtle', jsonld: 'DCAT as JSON-LD', csv: 'CSV (IRI, title, access URL)' },
    unknown: (n: number) => `${n} picked dataset(s) are no longer in the catalogue and were left out.`,
  },
  errors: {
    notFound: 'Not found',
  },
} as const;

/** A facet's name for people ("bodyPart" → "Body part"). */
export const facetLabel = (name: string): string => S.facets[name] ?? name;
