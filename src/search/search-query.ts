// **SearchQuery** and **SearchResult**: what a search asks of the index and what it answers (the HTTP layer's contract).

export interface Range { readonly min?: number; readonly max?: number }

export interface SearchQuery {
  readonly q?: string;
  /** Facet name → values; OR within a facet, AND across facets. Term values may be codes of other systems. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  readonly subjects?: Range;
  readonly studies?: Range;
  /** Overlaps the dataset's typical age range. */
  readonly age?: Range;
  /** Overlaps the dataset's acquisition (temporal) years. */
  readonly years?: Range;
  readonly sort?: 'relevance' | 'title' | 'modified' | 'subjects' | 'studies';
  readonly page?: number;
  readonly pageSize?: number;
  /** Values listed per facet, most frequent first. */
  readonly facetLimit?: number;
}

export interface SearchHit {
  readonly key: string;
  readonly dataset: string;
  readonly feed: string;
  readonly title: string;
  readonly description: string;
  readonly modified?: string;
  readonly subjects?: number;
  readonly studies?: number;
  readonly score: number;
}

export interface FacetValue {
  readonly value: string;
  readonly label: string;
  /** Datasets tagged with this value or, for ontology facets, with any narrower term (roll-up). */
  readonly count: number;
  /** Datasets tagged with exactly this value. */
  readonly direct: number;
  readonly subjects: number;
  readonly studies: number;
  /** Ontology facets: the value's parents that also appear in this facet's list. */
  readonly broader?: readonly string[];
}

export interface SearchResult {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: readonly SearchHit[];
  readonly facets: Readonly<Record<string, readonly FacetValue[]>>;
  /** How each filter value was understood (codes of other systems resolved to ontology terms). */
  readonly resolved: Readonly<Record<string, readonly string[]>>;
}
