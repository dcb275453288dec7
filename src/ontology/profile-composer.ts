// **profileComposer** composes a validation profile: hand-written shapes with value sets bound, plus shapes derived from its ontologies.
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import { ontologyVersionOf } from '../core/ontology-header.js';
import { ProfileRegistry, type ProfileFiles, type ShapesComposer } from '../validate/profile-registry.js';
import { bindValueSets } from './bind-value-sets.js';
import { checkShapesGraph } from './check-shapes-graph.js';
import { deriveShapes } from './derive-shapes.js';
import { OntologyIndex } from './ontology-index.js';

export const profileComposer: ShapesComposer = Object.freeze({
  /**
   * The complete shapes graph of a profile: hand-written shapes with their value sets bound, plus the shapes derived
   * from each ontology (which carry the class hierarchy shacl-engine reads for sh:class). The whole composition is
   * checked with sheaf's SHACL-for-SHACL rules and refused with a clear message when ill-formed: an ill-formed shape
   * would otherwise crash the engine mid-record or silently check nothing.
   */
  async compose({ profile, handWritten, vocabularies, ontologies: given }: ProfileFiles): Promise<Quad[]> {
    const ontologies = given.map((o) => ({ version: o.version ?? ontologyVersionOf(o.quads), quads: o.quads }));
    const derived = ontologies.flatMap((o) => deriveShapes(o.quads, o.version === undefined ? {} : { ontologyVersion: o.version }));
    const index = new OntologyIndex([...ontologies.flatMap((o) => o.quads), ...vocabularies]);
    const version = ontologies.map((o) => o.version).filter((v) => v !== undefined).join(', ');
    const bound = bindValueSets(handWritten, index, version ? { ontologyVersion: version } : {});
    const shapes = [...handWritten, ...bound, ...derived];
    const check = await checkShapesGraph(shapes);
    if (check.counts.violations > 0) {
      const first = check.results.slice(0, 3).map((r) => `${r.focusNode} ${r.path ?? ''}: ${r.message}`).join('; ');
      throw new CatErrors.INTERNAL(`profile "${profile.name}": ill-formed shapes graph (${check.counts.violations} problems): ${first}`);
    }
    return shapes;
  },

  async check(shapes: readonly Quad[]): Promise<string[]> {
    const check = await checkShapesGraph(shapes);
    return check.results.map((r) => `${r.focusNode}${r.path ? ` ${r.path}` : ''}: ${r.message}`);
  },
});

/** The profiles of a manifest (the bundled one by default), composed by sheaf's ontology-aware composer. */
export function loadProfiles(opts: { readonly manifest?: string } = {}): Promise<ProfileRegistry> {
  return ProfileRegistry.load({ ...opts, composer: profileComposer });
}
