// **RecordFacts** is what quality metrics read of one record: its triples, its validation status, its link checks.
import type { Quad } from '@rdfjs/types';
import { NS } from '../core/namespaces.js';

export class RecordFacts {
  readonly dataset: string;
  readonly validation: string;
  readonly distributions: readonly string[];
  readonly #out = new Map<string, Map<string, string[]>>();
  readonly #links: (url: string) => boolean | undefined;

  constructor(options: {
    readonly quads: Iterable<Quad>;
    readonly dataset: string;
    /** conformant | with-warnings | non-conformant */
    readonly validation: string;
    /** Latest link-check outcome per URL: true reachable, false broken, undefined not checked yet. */
    readonly linkStatus?: (url: string) => boolean | undefined;
  }) {
    for (const q of options.quads) {
      let m = this.#out.get(q.subject.value);
      if (!m) { m = new Map(); this.#out.set(q.subject.value, m); }
      const l = m.get(q.predicate.value);
      if (l) l.push(q.object.value); else m.set(q.predicate.value, [q.object.value]);
    }
    this.dataset = options.dataset;
    this.validation = options.validation;
    this.distributions = this.values(options.dataset, `${NS.dcat}distribution`);
    this.#links = options.linkStatus ?? (() => undefined);
  }

  values(subject: string, predicate: string): string[] {
    return this.#out.get(subject)?.get(predicate) ?? [];
  }

  linkStatus(url: string): boolean | undefined {
    return this.#links(url);
  }
}
