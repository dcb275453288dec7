// **ProfileRegistry** reads shapes/profiles.json and compiles one validator per profile and ontology version.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import { guessRdfFormat, parseRdf } from '../core/parse-rdf.js';
import { ShaclValidator } from './shacl-validator.js';
import { packageFile } from '../core/package-root.js';
import type { PrecomposedProfiles } from './precomposed-profiles.js';

/** The manifest bundled with sheaf. */
export const DEFAULT_PROFILES_MANIFEST = packageFile('shapes/profiles.json');

export interface ProfileDefinition {
  readonly name: string;
  readonly title: string;
  /** Absolute paths of the hand-written shapes files. */
  readonly shapes: readonly string[];
  /** Absolute paths of the ontologies whose derived shapes and class hierarchy the profile adds. */
  readonly ontologies: readonly string[];
  /** Absolute paths of the SKOS vocabularies that sheaf:inScheme / sheaf:valuesUnder expand from. */
  readonly vocabularies: readonly string[];
}

/** An ontology version to validate against instead of the profile's bundled files (curators loading a new one). */
export interface OntologyOverride {
  readonly version: string;
  readonly quads: readonly Quad[];
}

/** The files of one profile, read, as a composer receives them. */
export interface ProfileFiles {
  readonly profile: ProfileDefinition;
  readonly handWritten: readonly Quad[];
  readonly vocabularies: readonly Quad[];
  /** The profile's ontologies, or the one override; `version` is set for an override, else the composer reads it. */
  readonly ontologies: readonly { readonly version?: string; readonly quads: readonly Quad[] }[];
}

/**
 * Turns a profile's files into one checked shapes graph. Validation knows nothing of ontologies: the composition
 * that derives shapes from them lives in src/ontology/profile-composer.ts and is handed in when the registry loads.
 */
export interface ShapesComposer {
  /** The complete shapes graph; throws when it is ill-formed. */
  compose(files: ProfileFiles): Promise<Quad[]>;
  /** One line per SHACL-for-SHACL problem in these shapes (empty when well-formed). */
  check(shapes: readonly Quad[]): Promise<string[]>;
}

interface Manifest {
  readonly default?: string;
  readonly profiles: Record<string, { title?: string; shapes?: string[]; ontologies?: string[]; vocabularies?: string[] }>;
}

// Compiled validators are shared process-wide, keyed by the profile's files and the ontology version: several
// registries (the server, the pipeline, tests building many apps) then compile each profile once. Validators keep no
// per-call state, so sharing is safe.
const COMPILED = new Map<string, Promise<ShaclValidator>>();

export async function readRdfFile(path: string): Promise<Quad[]> {
  const text = await readFile(path, 'utf8');
  return parseRdf(text, { format: guessRdfFormat(text, path) });
}

export class ProfileRegistry {
  readonly defaultProfile: string;
  readonly #profiles: ReadonlyMap<string, ProfileDefinition>;
  readonly #files = new Map<string, Promise<Quad[]>>();
  /**
   * Composed shapes per profile and ontology version (keyed as COMPILED): an ontology activation compiles each
   * profile here to check it, then a validator pool asks for the same shapes to send to its workers; composing
   * (derivation and the SHACL-for-SHACL check) is costly, paid once per profile here.
   */
  readonly #composed = new Map<string, Promise<Quad[]>>();

  readonly #composer: ShapesComposer;
  readonly #precomposed: PrecomposedProfiles | undefined;

  private constructor(profiles: ReadonlyMap<string, ProfileDefinition>, defaultProfile: string, composer: ShapesComposer, precomposed: PrecomposedProfiles | undefined) {
    this.#profiles = profiles;
    this.defaultProfile = defaultProfile;
    this.#composer = composer;
    this.#precomposed = precomposed;
  }

  /**
   * Reads the manifest; file paths in it are relative to the manifest's folder. `precomposed`: shapes graphs composed
   * by the build, used for a profile whose files are unchanged since (any ontology override is composed live).
   */
  static async load(opts: { readonly manifest?: string; readonly composer: ShapesComposer; readonly precomposed?: PrecomposedProfiles }): Promise<ProfileRegistry> {
    const manifestPath = opts.manifest ?? DEFAULT_PROFILES_MANIFEST;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    const base = dirname(manifestPath);
    const abs = (paths: readonly string[] | undefined) => Object.freeze((paths ?? []).map((p) => resolve(base, p)));
    const profiles = new Map<string, ProfileDefinition>();
    for (const [name, p] of Object.entries(manifest.profiles)) {
      profiles.set(name, Object.freeze({
        name, title: p.title ?? name, shapes: abs(p.shapes), ontologies: abs(p.ontologies), vocabularies: abs(p.vocabularies),
      }));
    }
    const fallback = manifest.default ?? profiles.keys().next().value;
    if (fallback === undefined) throw new Error(`${manifestPath} defines no profile`);
    return new ProfileRegistry(profiles, fallback, opts.composer, opts.precomposed);
  }

  names(): string[] {
    return [...this.#profiles.keys()];
  }

  get(name: string): ProfileDefinition {
    const profile = this.#profiles.get(name);
    if (!profile) throw new CatErrors.NOT_FOUND(`profile "${name}"; known profiles: ${this.names().join(', ')}`);
    return profile;
  }

  /**
   * The profile's validator for this ontology version, compiled once and shared (compile once, run many).
   * Concurrent first calls share the same compilation.
   */
  validator(name: string, opts: { ontology?: OntologyOverride } = {}): Promise<ShaclValidator> {
    const profile = this.get(name);
    const key = JSON.stringify([profile, opts.ontology?.version ?? 'bundled']);
    let compiled = COMPILED.get(key);
    if (!compiled) {
      compiled = this.composeShapes(profile, opts).then((shapes) => ShaclValidator.compile({ shapes }));
      compiled.catch(() => COMPILED.delete(key));
      COMPILED.set(key, compiled);
    }
    return compiled;
  }

  /**
   * The complete shapes graph of a profile: hand-written shapes with their value sets bound, plus the shapes derived
   * from each ontology (which carry the class hierarchy shacl-engine reads for sh:class). The whole composition is
   * checked with sheaf's SHACL-for-SHACL rules and refused with a clear message when ill-formed: an ill-formed shape
   * would otherwise crash the engine mid-record or silently check nothing.
   */
  composeShapes(profile: ProfileDefinition, opts: { ontology?: OntologyOverride } = {}): Promise<Quad[]> {
    const key = JSON.stringify([profile, opts.ontology?.version ?? 'bundled']);
    let composed = this.#composed.get(key);
    if (composed === undefined) {
      composed = this.#compose(profile, opts);
      composed.catch(() => this.#composed.delete(key));
      this.#composed.set(key, composed);
    }
    return composed;
  }

  async #compose(profile: ProfileDefinition, opts: { ontology?: OntologyOverride }): Promise<Quad[]> {
    if (opts.ontology === undefined && this.#precomposed !== undefined) {
      const built = await this.#precomposed.read(profile);
      if (built !== undefined) return built;
    }
    const handWritten = (await Promise.all(profile.shapes.map((f) => this.#file(f)))).flat();
    const vocabularies = (await Promise.all(profile.vocabularies.map((f) => this.#file(f)))).flat();
    const ontologies = opts.ontology
      ? [{ version: opts.ontology.version, quads: opts.ontology.quads }]
      : await Promise.all(profile.ontologies.map(async (f) => ({ quads: await this.#file(f) })));
    return this.#composer.compose({ profile, handWritten, vocabularies, ontologies });
  }

  /** SHACL-for-SHACL on the profile's hand-written files; returns one line per problem (empty when well-formed). */
  async checkHandWritten(name: string): Promise<string[]> {
    const profile = this.get(name);
    const handWritten = (await Promise.all(profile.shapes.map((f) => this.#file(f)))).flat();
    return this.#composer.check(handWritten);
  }

  #file(path: string): Promise<Quad[]> {
    let quads = this.#files.get(path);
    if (!quads) {
      quads = readRdfFile(path);
      this.#files.set(path, quads);
    }
    return quads;
  }
}
