// shacl-engine's internals that src/validate/engine-internals.ts types and sheaf's fast paths read: the package is
// pinned to one exact version, and this test fails loudly, naming what moved, when an update changes any of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Parser } from 'n3';
import { Validator } from 'shacl-engine';
import Context from 'shacl-engine/lib/Context.js';
import Report from 'shacl-engine/lib/Report.js';
import { describe, expect, it } from 'vitest';
import { rdf } from '../../src/validate/rdf-factory.js';
import type { EngineShape, EngineValidator, Ptr } from '../../src/validate/engine-internals.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SH = 'http://www.w3.org/ns/shacl#';

const SHAPES = `
@prefix sh: <${SH}> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:targetNode ex:n ; sh:severity sh:Warning ;
  sh:property [ sh:path ( ex:a [ sh:inversePath ex:b ] ) ; sh:minCount 1 ] ;
  sh:or ( [ sh:class ex:D ] [ sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] ) .
`;

const fn = (o: unknown, name: string) => expect(typeof (o as Record<string, unknown>)[name], `${name} is no longer a function`).toBe('function');

describe('shacl-engine internals read by src/validate/engine-internals.ts', () => {
  it('is the exact version those internals were written against', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const pinned = pkg.dependencies['shacl-engine']!;
    expect(pinned, 'shacl-engine must be pinned to one exact version in package.json').toMatch(/^\d+\.\d+\.\d+$/);
    const require = createRequire(import.meta.url);
    const installed = (JSON.parse(readFileSync(path.join(path.dirname(require.resolve('shacl-engine')), 'package.json'), 'utf8')) as { version: string }).version;
    expect(installed, `installed shacl-engine ${installed} is not the pinned ${pinned}: re-check engine-internals.ts before moving the pin`).toBe(pinned);
  });

  it('still has every field and method sheaf reads', async () => {
    const shapes = new Parser().parse(SHAPES);
    const engine = new Validator(rdf.dataset(shapes), { factory: rdf }) as unknown as EngineValidator;
    expect(engine.factory).toBe(rdf);
    expect(typeof engine.options).toBe('object');
    fn(engine.registry.validations, 'get');
    expect(typeof engine.registry.validations.get(rdf.namedNode(`${SH}minCount`)), 'registry.validations.get(parameter) → compile function').toBe('function');
    expect(Symbol.iterator in Object(engine.targetResolverRegistry.targetResolvers), 'targetResolverRegistry.targetResolvers is iterable').toBe(true);
    expect((engine.shapesPtr as unknown as { dataset: unknown }).dataset, 'shapesPtr.dataset (compile-class reads the class hierarchy)').toBeDefined();

    const ptr: Ptr = engine.shapesPtr.node([rdf.namedNode('http://example.org/S')]);
    for (const m of ['out', 'node', 'list', 'map', 'execute']) fn(ptr, m);
    expect(ptr.term.value).toBe('http://example.org/S');
    expect(ptr.value).toBe('http://example.org/S');
    expect(ptr.terms.map((t) => t.value)).toEqual(['http://example.org/S']);
    expect(ptr.ptrs[0]!.term.value).toBe('http://example.org/S');
    const orList = [...ptr.out([rdf.namedNode(`${SH}or`)])][0]!.list();
    expect(orList && [...orList].length, 'Ptr.list() walks an RDF list').toBe(2);

    const shape: EngineShape = engine.shape(ptr);
    expect(shape.ptr.term.value).toBe('http://example.org/S');
    expect(shape.validator).toBe(engine);
    expect(shape.severity?.value).toBe(`${SH}Warning`);
    expect('deactivated' in shape, 'shape.deactivated').toBe(true);
    fn(shape, 'validate');
    fn(shape, 'resolveTargets');
    const targets = shape.targetResolver;
    expect([...targets.targetClass].map((t) => t.value)).toContain('http://example.org/C');
    expect(targets.targetNode.map((t) => t.value)).toEqual(['http://example.org/n']);
    expect(Array.isArray(targets.targetObjectsOf) && Array.isArray(targets.targetSubjectsOf) && Array.isArray(targets.targets)).toBe(true);

    const property = engine.shape([...ptr.out([rdf.namedNode(`${SH}property`)])][0]!);
    const steps = property.path!;
    expect(steps.map((s) => [s.start, s.quantifier, s.predicates.map((p) => p.value)]), 'shape.path: the parsed sh:path steps').toEqual([
      ['subject', 'one', ['http://example.org/a']],
      ['object', 'one', ['http://example.org/b']],
    ]);

    // Context and Report, as shacl-validator.ts builds them to drive one shape at a time.
    const PathList = engine.shapesPtr.constructor as new (args: { dataset: unknown; factory: unknown }) => Ptr;
    const data = rdf.dataset(new Parser().parse('<http://example.org/n> a <http://example.org/C> .'));
    const focusNode = new PathList({ dataset: data, factory: rdf });
    const context = new Context({ factory: rdf, focusNode, options: engine.options, validator: engine }) as unknown as { report: { results: unknown[] }; create: unknown; valueOrNode: unknown };
    fn(context, 'create');
    expect(Array.isArray(context.report.results), 'context.report.results').toBe(true);
    const report = new Report({ factory: rdf, options: engine.options }) as unknown as { results: unknown[]; dataset: unknown };
    expect(Array.isArray(report.results)).toBe(true);
  });
});
