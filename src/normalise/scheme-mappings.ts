// **SchemeMappings** indexes SKOS vocabularies (EU tables, EUCAIM conditions) by notation, labels and IRI spelling.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';
import { packageUrl } from '../core/package-root.js';

const P = {
  type: `${NS.rdf}type`,
  concept: `${NS.skos}Concept`,
  inScheme: `${NS.skos}inScheme`,
  notation: `${NS.skos}notation`,
  prefLabel: `${NS.skos}prefLabel`,
  altLabel: `${NS.skos}altLabel`,
} as const;

/** A resolved value: the concept IRI, or several concepts claiming the same text. */
export type SchemeResolution = { readonly kind: 'mapped'; readonly iri: string } | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] };

// Language IRIs of the Library of Congress and Lexvo name the same ISO 639 codes the EU table notes; IANA's
// media-type IRIs name the media types the file-type table notes.
const FOREIGN_CODE_IRI = /^https?:\/\/(?:id\.loc\.gov\/vocabulary\/iso639-[125]|lexvo\.org\/id\/iso639-[13]|(?:www\.)?iana\.org\/assignments\/media-types)\/([a-z]{2,3}$|[a-z]+\/[\w.+-]+$)/i;
const IRI_LIKE = /^https?:\/\//i;

interface Hit {
  readonly concept: string;
  /** 0 notation or IRI, 1 altLabel (codes, media types), 2 prefLabel (names). */
  rank: number;
}

const RANK: Readonly<Record<string, number>> = { [P.notation]: 0, [P.altLabel]: 1, [P.prefLabel]: 2 };

export class SchemeMappings {
  /**
   * scheme IRI → lower-cased key (notation, label, IRI) → concept IRIs, best match first. A code beats a label: "en"
   * is the ISO 639-1 code of English (an altLabel) before it is the name of the En language (a prefLabel).
   */
  readonly #byScheme: ReadonlyMap<string, ReadonlyMap<string, readonly Hit[]>>;

  /** Names the vocabularies' content: part of the harvest's hash salt, so new tables re-normalise every record once. */
  readonly version: string;

  private constructor(byScheme: Map<string, Map<string, Hit[]>>, version: string) {
    this.#byScheme = byScheme;
    this.version = version;
  }

  static fromQuads(quads: Iterable<Quad>, opts: { readonly version?: string } = {}): SchemeMappings {
    const schemesOf = new Map<string, string[]>();
    const keysOf = new Map<string, Array<{ key: string; rank: number }>>();
    const push = <T>(m: Map<string, T[]>, k: string, v: T): void => void (m.get(k) ?? m.set(k, []).get(k)!).push(v);
    for (const q of quads) {
      const s = q.subject.value;
      const rank = RANK[q.predicate.value];
      if (q.predicate.value === P.inScheme) push(schemesOf, s, q.object.value);
      else if (rank !== undefined) push(keysOf, s, { key: normaliseKey(q.object.value), rank });
    }
    const byScheme = new Map<string, Map<string, Hit[]>>();
    for (const [concept, schemes] of schemesOf) {
      for (const scheme of schemes) {
        const index = byScheme.get(scheme) ?? byScheme.set(scheme, new Map()).get(scheme)!;
        for (const { key, rank } of [...(keysOf.get(concept) ?? []), { key: normaliseKey(concept), rank: 0 }]) {
          const list = index.get(key) ?? index.set(key, []).get(key)!;
          const hit = list.find((h) => h.concept === concept);
          if (hit === undefined) list.push({ concept, rank });
          else hit.rank = Math.min(hit.rank, rank);
        }
      }
    }
    for (const index of byScheme.values()) for (const list of index.values()) list.sort((a, b) => a.rank - b.rank);
    return new SchemeMappings(byScheme, opts.version ?? '');
  }

  hasConcept(scheme: string, iri: string): boolean {
    return this.#byScheme.get(scheme)?.get(normaliseKey(iri))?.some((h) => h.concept === iri) ?? false;
  }

  /**
   * Resolves a literal (code, label, media type) or an IRI spelled another way (case, a Library of Congress or
   * Lexvo language IRI) to a concept of `scheme`.
   */
  resolve(scheme: string, value: { termType: string; value: string }): SchemeResolution | undefined {
    const index = this.#byScheme.get(scheme);
    if (index === undefined) return undefined;
    const keys = [normaliseKey(value.value)];
    // An IRI, or a literal spelling one: the authority tables are identified over http, without a trailing slash.
    const text = value.value.trim();
    if (value.termType === 'NamedNode' || IRI_LIKE.test(text)) {
      keys.push(normaliseKey(text.replace(/^https:/i, 'http:').replace(/\/+$/, '')));
      const code = FOREIGN_CODE_IRI.exec(text.replace(/\/+$/, ''))?.[1];
      if (code) keys.push(code.toLowerCase());
    } else {
      keys.push(normaliseKey(value.value.replace(/^\./, ''))); // ".csv" as file extension
    }
    for (const key of keys) {
      const hits = index.get(key);
      if (hits === undefined || hits.length === 0) continue;
      const best = hits.filter((h) => h.rank === hits[0]!.rank);
      if (best.length === 1) return { kind: 'mapped', iri: best[0]!.concept };
      return { kind: 'ambiguous', candidates: best.map((h) => h.concept) };
    }
    return undefined;
  }
}

function normaliseKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The SKOS vocabularies bundled in `ontologies/vocabularies/`. */
export const BUNDLED_VOCABULARIES = packageUrl('ontologies/vocabularies/');

let bundled: Promise<SchemeMappings> | undefined;

/** Mappings from every bundled vocabulary, parsed once per process. */
export function loadBundledSchemes(): Promise<SchemeMappings> {
  bundled ??= (async () => {
    const files = (await readdir(BUNDLED_VOCABULARIES)).filter((f) => f.endsWith('.ttl')).sort();
    const quads: Quad[] = [];
    const digest = createHash('sha256');
    for (const f of files) {
      const url = new URL(f, BUNDLED_VOCABULARIES);
      const text = await readFile(url, 'utf8');
      digest.update(`${f}\n${text}\n`);
      quads.push(...new Parser({ baseIRI: url.href }).parse(text));
    }
    return SchemeMappings.fromQuads(quads, { version: digest.digest('hex').slice(0, 16) });
  })();
  return bundled;
}
