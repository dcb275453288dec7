// **runSourceMapperContract** is the one suite every record shape → DCAT mapper passes, each against its own samples.
import { describe, expect, it } from 'vitest';
import type { RecordShape, ShapedPayload } from '../../src/core/record-shape.js';
import { NS } from '../../src/core/namespaces.js';
import { canonicalHash } from '../../src/normalise/canonical-hash.js';
import { blankSignatures } from '../../src/normalise/skolemise.js';
import type { DcatMapping, MapContext, SourceMapper } from '../../src/normalise/source-mapper.js';
import { sourceMappers } from '../../src/normalise/source-mappers.js';

/** Records of one shape as found in the wild, and (when the mapper can refuse one) a payload it cannot read. */
export interface MapperSamples<S extends RecordShape> {
  readonly ctx: MapContext;
  /** Named payloads, each describing one dataset. */
  readonly records: ReadonlyArray<readonly [name: string, payload: ShapedPayload<S>]>;
  /** A payload the mapper must refuse with an Error, or why this shape has none. */
  readonly unreadable: { readonly payload: ShapedPayload<S> } | { readonly reason: string };
}

/** The hash the run takes of a mapping: equal exactly when two mappings are the same graph up to blank labels. */
const hashOf = (mapping: DcatMapping): string => canonicalHash(mapping.quads, { salt: '', blankLabels: blankSignatures(mapping.quads) }).hash;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Registers a `describe` block: the registry row, the dataset node, determinism (the record hash rests on it),
 * a payload left as given, and a clear refusal, the same assertions for every mapper.
 */
export function runSourceMapperContract<S extends RecordShape>({ mapper, samples }: { mapper: SourceMapper<S>; samples: MapperSamples<S> }): void {
  describe(`source mapper contract: ${mapper.shape}`, () => {
    it('is the registry row of the shape it maps', () => {
      expect(sourceMappers.get(mapper.shape)).toBe(mapper);
      expect(samples.records.length).toBeGreaterThan(0);
      for (const [, payload] of samples.records) expect(payload.shape).toBe(mapper.shape);
    });

    it.each(samples.records)('maps %s to one typed dataset node described in the default graph', (_name, payload) => {
      const { subject, quads } = mapper.map(payload, samples.ctx);
      const typed = quads.filter((q) => q.predicate.value === `${NS.rdf}type` && q.object.value === `${NS.dcat}Dataset`);
      const node = subject.startsWith('_:') ? { termType: 'BlankNode', value: subject.slice(2) } : { termType: 'NamedNode', value: subject };
      expect(typed.map((q) => ({ termType: q.subject.termType, value: q.subject.value }))).toContainEqual(node);
      expect(quads.filter((q) => q.graph.termType !== 'DefaultGraph')).toEqual([]);
    });

    it.each(samples.records)('maps %s to the same graph every time (the record hash rests on it)', (_name, payload) => {
      const first = mapper.map(payload, samples.ctx);
      const second = mapper.map(payload, samples.ctx);
      expect(second.subject.startsWith('_:')).toBe(first.subject.startsWith('_:'));
      if (!first.subject.startsWith('_:')) expect(second.subject).toBe(first.subject);
      expect(hashOf(second)).toBe(hashOf(first));
    });

    it.each(samples.records)('leaves %s as it was given', (_name, payload) => {
      const before = JSON.stringify(payload);
      const frozen = deepFreeze(payload);
      const mapped = mapper.map(frozen, samples.ctx);
      expect(JSON.stringify(frozen)).toBe(before);
      expect(mapped.quads.length).toBeGreaterThan(0);
    });

    if ('payload' in samples.unreadable) {
      const { payload } = samples.unreadable;
      it('refuses a payload it cannot read with an Error', () => {
        expect(() => mapper.map(payload, samples.ctx)).toThrow(Error);
      });
    } else {
      it.skip(`refuses a payload it cannot read (none for this shape: ${samples.unreadable.reason})`, () => {});
    }
  });
}
