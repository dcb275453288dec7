// **profileComposer** composes a validation profile: hand-written shapes with value sets bound, plus shapes derived from its ontologies.
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import { NS } from '../core/namespaces.js';
import { ontologyVersionOf } from '../core/ontology-header.js';
import { packageFile } from '../core/package-root.js';
import { PrecomposedProfiles } from '../validate/precomposed-profiles.js';
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
    const index = new OntologyIndex([...ontologies.flatMap((o) => o.quads), ...vocabularies.filter(bindsValues)]);
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

// What a vocabulary's statements tell value-set binding (membership, hierarchy, deprecation, labels, the copy's date):
// the EU tables hold thousands of concepts, and indexing their notations and alternative labels too was a large part
// of composing a profile. Normalisation reads those from the files itself.
const SKIPPED_IN_VOCABULARIES = new Set([`${NS.skos}notation`, `${NS.skos}altLabel`, `${NS.skos}exactMatch`, `${NS.skos}closeMatch`, `${NS.dct}source`]);
const CONCEPT = `${NS.skos}Concept`;
const bindsValues = (q: Quad): boolean =>
  !SKIPPED_IN_VOCABULARIES.has(q.predicate.value) && !(q.predicate.value === `${NS.rdf}type` && q.object.value === CONCEPT);

/** Where the build writes the bundled profiles' composed shapes (scripts/build.js, precomposeProfiles). */
export const PRECOMPOSED_DIR = packageFile('dist/profiles');

// Compiled, sheaf reads the profiles the same build composed. Run from source (tests, benchmarks under the loader)
// it composes live: the files in dist/ may come from an older build of the composer than the code running.
const RUNS_COMPILED = !import.meta.url.endsWith('.ts');

/** The profiles of a manifest (the bundled one by default), composed by sheaf's ontology-aware composer. */
export function loadProfiles(opts: { readonly manifest?: string; readonly precomposed?: PrecomposedProfiles } = {}): Promise<ProfileRegistry> {
  const precomposed = opts.precomposed ?? (RUNS_COMPILED ? new PrecomposedProfiles(PRECOMPOSED_DIR) : undefined);
  return ProfileRegistry.load({ ...opts, composer: profileComposer, ...(precomposed !== undefined && { precomposed }) });
}

/** Composes every profile of the bundled manifest live and writes it for later processes (the build's last step). */
export async function precomposeProfiles(dir = PRECOMPOSED_DIR): Promise<string[]> {
  const registry = await ProfileRegistry.load({ composer: profileComposer });
  const store = new PrecomposedProfiles(dir);
  for (const name of registry.names()) {
    const profile = registry.get(name);
    await store.write(profile, await registry.composeShapes(profile));
  }
  return registry.names();
}
