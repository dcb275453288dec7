// Validation speed-ups (record index, pre-checks, sh:in sets, sheaf's driver) give exactly the plain engine's results, in order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import rdf from 'rdf-ext';
import { Validator } from 'shacl-engine';
import type { Quad } from '@rdfjs/types';
import { parseRdf } from '../../src/core/parse-rdf.js';
import { loadProfiles } from '../../src/ontology/profile-composer.js';
import { ShaclValidator } from '../../src/validate/shacl-validator.js';
import { CORRECTED_VALIDATIONS } from '../../src/validate/corrected-validations.js';
import { IN_SCHEME_VALIDATIONS } from '../../src/validate/compile-in-scheme.js';
import { tidyReport } from '../../src/validate/tidy-report.js';
import { summariseReport, type ResultRow } from '../../src/validate/summarise-report.js';
import { targetShapes } from '../../src/validate/target-shapes.js';

const RECORDS = join(import.meta.dirname, '../fixtures/records');
const FILES = ['eucaim-conformant.ttl', 'eucaim-bodypart-as-modality.ttl', 'eucaim-condition-outside-subtree.ttl',
  'eucaim-access-right-outside-table.ttl'];
const { literal, namedNode, quad } = DataFactory;

/** Broken variants of a record: a quad dropped, or its object made a plain literal or a stray IRI. */
function variants(record: readonly Quad[]): Quad[][] {
  const out: Quad[][] = [[...record]];
  // Every fourth quad (kept short: the plain engine is slow); the fixtures put each property on its own line.
  record.forEach((_q, i) => {
    if (i % 4 !== 0) return;
    const swap = (o: Quad['object']) => record.map((r, j) => (j === i ? quad(r.subject, r.predicate, o, r.graph) : r));
    out.push(record.filter((_, j) => j !== i), swap(literal('not a code')), swap(namedNode('https://cancerimage.eu/ontology/EUCAIM#BP1000113')));
  });
  return out;
}

// Blank-node labels differ between report runs; the rest must match row for row.
const key = (r: ResultRow) => JSON.stringify({ ...r, sourceShape: r.sourceShape.startsWith('_:') ? '_:' : r.sourceShape,
  focusNode: r.focusNode.startsWith('_:') ? '_:' : r.focusNode, value: r.value?.startsWith('_:') ? '_:' : r.value });

describe('fast validation paths', () => {
  it.each(['eucaim', 'dcat-ap'])('give the plain engine\'s results on broken variants of the fixtures (%s)', async (profile) => {
    const registry = await loadProfiles();
    const shapes = await registry.composeShapes(registry.get(profile));
    const fast = await ShaclValidator.compile({ shapes });
    // sheaf:inAnyScheme is a constraint of sheaf's profiles, not a speed-up: the plain engine gets it too.
    const plain = new Validator(rdf.dataset(shapes), { factory: rdf, validations: [...CORRECTED_VALIDATIONS, ...IN_SCHEME_VALIDATIONS] });
    const roots = targetShapes(shapes).map((t) => ({ terms: [t] }));
    let compared = 0;
    let failing = 0;
    for (const file of FILES) {
      const record = await parseRdf(readFileSync(join(RECORDS, file), 'utf8'), { format: 'turtle' });
      for (const data of variants(record)) {
        const got = (await fast.validate(data)).results.map(key);
        const report = await plain.validate({ dataset: rdf.dataset(data) }, roots);
        tidyReport(report as unknown as { results: unknown[] });
        const want = summariseReport(report).results.map(key);
        expect(got).toEqual(want);
        compared += 1;
        if (want.some((k) => k.includes('"Violation"'))) failing += 1;
      }
    }
    // The variants must really exercise failing paths, not only passing ones.
    expect(failing).toBeGreaterThan(compared / 4);
  }, 240_000);
});
