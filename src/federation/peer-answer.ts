// **PeerAnswer** is what one source (the local index or a peer) answered to a federated search.

/** One hit as a source reported it; `dataset` is the dataset IRI that merging de-duplicates on. */
export interface PeerHit {
  readonly dataset: string;
  readonly title?: string;
  readonly description?: string;
  readonly modified?: string;
  readonly subjects?: number;
  readonly studies?: number;
  /** The source's own id and page for the hit (sheaf sources only). */
  readonly id?: string;
  readonly page?: string;
}

export interface PeerAnswer {
  /** How many hits the source has in all (sheaf sources report it; SPARQL peers give what they returned). */
  readonly total: number;
  readonly items: readonly PeerHit[];
}
