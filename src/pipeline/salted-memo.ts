// **SaltedMemo** keeps a page memo good only for the pipeline salt (profile, ontology and mapping versions) it was saved under.
import { createHash } from 'node:crypto';
import type { HarvestPage, PageMemo } from '../../harvesters/harvester.js';

/**
 * A 304 or an identical re-sent page skips its records' fingerprints, so it would also skip the one-time
 * re-validation a new profile, ontology or mapping version asks for (the salt in every record hash). The
 * memo's stored digest is therefore prefixed with a tag of the salt: under another salt the memo keeps only
 * its links, no validators and no digest, and every page is read in full once. Rows saved before page
 * digests existed have no tag and are read in full once too.
 */
export class SaltedMemo {
  readonly #tag: string;

  constructor(salt: string) {
    this.#tag = createHash('sha256').update(salt).digest('base64url').slice(0, 16);
  }

  /** What the adapter may use of a stored memo. */
  read(stored: PageMemo | undefined): PageMemo | undefined {
    if (stored === undefined) return undefined;
    const prefix = `${this.#tag} `;
    if (stored.bodyHash?.startsWith(prefix) !== true) return stored.links === undefined ? {} : { links: stored.links };
    const digest = stored.bodyHash.slice(prefix.length);
    const { bodyHash: _, ...rest } = stored;
    return digest === '' ? rest : { ...rest, bodyHash: digest };
  }

  /** The memo to store for a page item. */
  write(item: HarvestPage): PageMemo {
    return {
      ...(item.etag && { etag: item.etag }), ...(item.lastModified && { lastModified: item.lastModified }), links: item.links,
      bodyHash: `${this.#tag} ${item.bodyHash ?? ''}`,
      ...(item.last !== undefined && { last: item.last }), ...(item.total !== undefined && { total: item.total }),
    };
  }
}
