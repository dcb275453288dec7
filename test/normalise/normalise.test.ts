// End to end: our EUCAIM fixtures through every normalisation step, compared with the canonical record.
import { beforeAll, describe, expect, it } from 'vitest';
import { NS } from '../../src/core/namespaces.js';
import { loadBundledContext, loadBundledMappings, normalise, NORMALISE_STEPS, type ValueMappings } from '../../src/normalise/index.js';
import { canonical, loadRecord } from './load-record.js';

let mappings: ValueMappings;
beforeAll(async () => {
  mappings = await loadBundledMappings();
});

const countsOf = (report: ReturnType<typeof normalise>['report']) => Object.fromEntries(report.map((r) => [r.step, r.counts]));

describe('normalise', () => {
  it('runs the steps in the documented order', () => {
    expect(NORMALISE_STEPS.map((s) => s.name)).toEqual([
      'alias-namespaces',
      'clean-literals',
      'type-dates',
      'map-coded-values',
      'code-values-to-iris',
      'map-vocabulary-values',
    ]);
  });

  it('leaves a conformant record unchanged and reports no changes', async () => {
    const record = loadRecord('eucaim-conformant.ttl');
    const { dataset, report } = normalise(record, await loadBundledContext());
    expect(canonical(dataset)).toBe(canonical(record));
    expect(report.every((r) => r.changed === 0)).toBe(true);
  });

  it('turns the alias-IRI record into the canonical record', () => {
    const { dataset, report } = normalise(loadRecord('eucaim-alias-iris.ttl'), { mappings });
    expect(canonical(dataset)).toBe(canonical(loadRecord('eucaim-conformant.ttl')));
    const counts = countsOf(report)['alias-namespaces']!;
    expect(counts['property-alias']).toBe(5); // adms:interoperabilityLevel, hasImageVendor ×2, hasAssociatedSex ×2
    expect(counts['namespace-alias']).toBeGreaterThan(20);
  });

  it('maps DICOM strings, codes and labels to hyperontology classes and types the dates', () => {
    const { dataset, report } = normalise(loadRecord('eucaim-dicom-snomed.ttl'), { mappings, keepRawValues: false });
    expect(canonical(dataset)).toBe(canonical(loadRecord('eucaim-conformant.ttl')));
    const counts = countsOf(report);
    expect(counts['map-coded-values']).toEqual({
      'dicom-code': 3, // "CT\PT" (two classes), "CHEST"
      'ncit-code': 1,
      'snomed-code': 2,
      'label-code': 4, // "GE Healthcare", "Siemens", "M", "Semi-automatic"
      'code-code': 1,
    });
    expect(counts['type-dates']).toEqual({ 'date-typed': 3, 'date-retyped': 1 });
    expect(counts['clean-literals']).toEqual({ 'whitespace-trimmed': 3 });
  });

  it('keeps each rewritten value as a sheaf:rawValue node with the harvested property', () => {
    const { dataset } = normalise(loadRecord('eucaim-dicom-snomed.ttl'), { mappings });
    const raws = [...dataset.match(null, null, null)].filter((q) => q.predicate.value === `${NS.sheaf}rawValue`);
    expect(raws).toHaveLength(10);
    const rawOf = (value: string) =>
      [...dataset].find((q) => q.predicate.value === `${NS.rdf}value` && q.object.value === value)?.subject;
    const node = rawOf('CT\\PT');
    expect(node).toBeDefined();
    const property = [...dataset].find((q) => q.subject.equals(node!) && q.predicate.value === `${NS.sheaf}rawProperty`);
    expect(property?.object.value).toBe(`${NS.eucaim}hasImageModality`);
    expect(rawOf('http://snomed.info/id/254637007')?.termType).toBe('BlankNode');
  });

  it('never mutates its input and is idempotent', () => {
    const record = loadRecord('eucaim-dicom-snomed.ttl');
    const before = canonical(record);
    const once = normalise(record, { mappings }).dataset;
    expect(canonical(record)).toBe(before);
    const twice = normalise(once, { mappings });
    expect(canonical(twice.dataset)).toBe(canonical(once));
    expect(twice.report.every((r) => r.changed === 0)).toBe(true);
  });

  it.each([
    ['eucaim-bodypart-as-modality.ttl'],
    ['eucaim-condition-outside-subtree.ttl'],
    ['eucaim-narrower-condition.ttl'],
    ['eucaim-access-right-outside-table.ttl'],
  ])('leaves the class IRIs of %s for the validator to judge', (name) => {
    const record = loadRecord(name);
    const { dataset, report } = normalise(record, { mappings });
    expect(canonical(dataset)).toBe(canonical(record));
    expect(report.every((r) => r.changed === 0)).toBe(true);
  });
});
