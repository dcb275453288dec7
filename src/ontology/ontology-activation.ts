// **OntologyActivation** makes an ontology version current: diff against the one it replaces, then targeted revalidation.
import type { Quad } from '@rdfjs/types';
import { CatErrors } from '../core/errors.js';
import type { RecordIndex } from '../catalogue/record-index.js';
import type { RecordIris } from '../catalogue/record-iris.js';
import type { RecordListener } from '../catalogue/record-listener.js';
import type { CatalogueStore } from '../store/catalogue-store.js';
import { readRdfFile, type OntologyOverride, type ProfileRegistry } from '../validate/profile-registry.js';
import type { ShaclValidator } from '../validate/shacl-validator.js';
import { ValidatorPool, type RecordValidator } from '../validate/validator-pool.js';
import { analyseImpact, type ImpactReport } from './impact-analysis.js';
import { loadedOntologies } from './loaded-ontologies.js';
import { ontologyIriOf } from '../core/ontology-header.js';
import type { OntologyListener } from '../catalogue/ontology-listener.js';
import { diffOntologies, OntologyView, type OntologyDiff } from './ontology-diff.js';
import { OntologyVersions, type OntologyVersion } from './ontology-versions.js';

export interface ActivationReport {
  readonly version: OntologyVersion;
  /** What the diff was taken against: a stored version id, `bundled` (a file of shapes/profiles.json) or `none`. */
  readonly comparedWith: string;
  readonly diff: OntologyDiff;
  readonly impact: ImpactReport;
}

export interface OntologyActivationOptions {
  readonly versions: OntologyVersions;
  readonly profiles: ProfileRegistry;
  readonly store: CatalogueStore;
  readonly records: RecordIndex;
  readonly iris: RecordIris;
  /** A feed's validation profile, or undefined when the feed no longer exists. */
  readonly profileOf: (feedId: string) => string | undefined;
  /** The record writer's listeners (quality, search): told about the records whose validation status changed. */
  readonly listeners?: readonly RecordListener[];
  /** Told once the new current versions and their revalidation are stored (search re-reads the terms). */
  readonly followers?: readonly OntologyListener[];
  /** Where a follower's failure goes: the version stays current (derived indexes can be rebuilt). */
  readonly logger?: { error(obj: object, msg?: string): void };
  /**
   * Worker threads that revalidate when a version affects at least `impactPoolFrom` records (default 1, and 2,000
   * records); 0 validates in this thread. Validation is half of a revalidation's CPU; the other half (reading graphs,
   * writing reports) stays here, so on two cores one worker is what overlaps them.
   */
  readonly impactWorkers?: number;
  readonly impactPoolFrom?: number;
}

interface Bundled {
  /** Per profile: series IRI → quads of each bundled ontology file. */
  readonly byProfile: ReadonlyMap<string, ReadonlyMap<string, readonly Quad[]>>;
  /** Series IRI → quads, across profiles (the baseline of a series nobody loaded yet). */
  readonly bySeries: ReadonlyMap<string, readonly Quad[]>;
}

export class OntologyActivation {
  readonly #o: OntologyActivationOptions;
  #bundled: Promise<Bundled> | undefined;
  /** One activation at a time: two concurrent ones would each revalidate against a stale "current". */
  #busy = false;

  constructor(options: OntologyActivationOptions) {
    this.#o = Object.freeze({ ...options });
  }

  /** The stored versions (list, read, report). */
  get versions(): OntologyVersions {
    return this.#o.versions;
  }

  /** Stores a new version and makes it current. */
  async load(input: { readonly quads: readonly Quad[]; readonly format: string; readonly loadedBy: string; readonly label?: string }): Promise<ActivationReport> {
    return this.#exclusive(async () => {
      const version = await this.#o.versions.add(input);
      try {
        return await this.#activate(version);
      } catch (error) {
        await this.#o.versions.discard(version.id);
        throw error;
      }
    });
  }

  /** Makes an earlier version current again, with the same diff and revalidation as a load. */
  async restore(id: string): Promise<ActivationReport> {
    return this.#exclusive(async () => {
      const version = this.#o.versions.require(id);
      if (version.current) throw new CatErrors.CONFLICT(`ontology version ${id} is already current`);
      return this.#activate(version);
    });
  }

  /** The ontology override a profile's validator should use now (undefined: the profile's bundled files). */
  async overrideFor(profile: string): Promise<OntologyOverride | undefined> {
    const bundled = await this.#bundledOntologies();
    return this.#o.versions.override(bundled.byProfile.get(profile) ?? new Map());
  }

  /** The quads of every current ontology, one entry per series: loaded versions, else the bundled files. */
  async currentOntologies(): Promise<Array<readonly Quad[]>> {
    const current = this.#o.versions.current();
    const loaded = new Set(current.map((v) => v.ontologyIri));
    const series: Array<readonly Quad[]> = await Promise.all(current.map((v) => this.#o.versions.quads(v.id)));
    for (const [iri, quads] of (await this.#bundledOntologies()).bySeries) if (!loaded.has(iri)) series.push(quads);
    return series;
  }

  /** The validator of a profile for the current ontologies. */
  async validator(profile: string): Promise<ShaclValidator> {
    const ontology = await this.overrideFor(profile);
    return this.#o.profiles.validator(profile, ontology === undefined ? {} : { ontology });
  }

  /** The quads of the version a new one of the same series would be compared with. */
  async baseline(ontologyIri: string): Promise<{ readonly id: string; readonly quads: readonly Quad[] }> {
    const current = this.#o.versions.currentOf(ontologyIri);
    if (current !== undefined) return { id: current.id, quads: await this.#o.versions.quads(current.id) };
    const bundled = (await this.#bundledOntologies()).bySeries.get(ontologyIri);
    return bundled === undefined ? { id: 'none', quads: [] } : { id: 'bundled', quads: bundled };
  }

  async #activate(version: OntologyVersion): Promise<ActivationReport> {
    const { versions } = this.#o;
    const previous = versions.currentOf(version.ontologyIri);
    const base = await this.baseline(version.ontologyIri);
    const before = new OntologyView(base.quads);
    const after = new OntologyView(await versions.quads(version.id), version.versionIri === undefined ? {} : { ontologyVersion: version.versionIri });
    const diff = diffOntologies(before, after);
    // Validators must see the new version as current, so activate first and undo on failure.
    versions.activate(version.id, { ...(previous && { previous: previous.id }), report: {} });
    let report: ActivationReport;
    try {
      // Every profile must compile with the new version before it stays current: a version whose derived shapes are
      // ill-formed would otherwise break the next harvest instead of this request.
      for (const profile of this.#o.profiles.names()) await this.#compile(version, profile);
      const validators = new Map<string, Promise<RecordValidator>>();
      let pool: Promise<ValidatorPool> | undefined;
      try {
        const impact = await analyseImpact({
          store: this.#o.store, records: this.#o.records, iris: this.#o.iris, diff, before, after, listeners: this.#o.listeners ?? [],
          validatorFor: async (feedId, candidates) => {
            const profile = this.#o.profileOf(feedId);
            if (profile === undefined || !this.#o.profiles.names().includes(profile)) return undefined;
            let v = validators.get(profile);
            if (!v) {
              const workers = this.#o.impactWorkers ?? 1;
              const usePool = workers > 0 && candidates >= (this.#o.impactPoolFrom ?? 2_000);
              if (usePool) pool ??= ValidatorPool.start({ registry: this.#o.profiles, size: workers });
              v = usePool
                ? Promise.all([pool!, this.overrideFor(profile)]).then(([p, ontology]) => p.validatorFor(profile, ontology === undefined ? {} : { ontology }))
                : this.validator(profile);
              validators.set(profile, v);
            }
            return v;
          },
        });
        report = { version: versions.require(version.id), comparedWith: base.id, diff, impact };
        versions.saveReport(version.id, { comparedWith: base.id, diff, impact });
      } finally {
        if (pool !== undefined) await (await pool).close();
      }
    } catch (error) {
      versions.rollback(version.id, previous?.id);
      throw error;
    }
    await this.#tellFollowers(version);
    return report;
  }

  /**
   * Awaited within the load or restore, so that its response means search follows the version too; after the
   * activation is stored, so that a follower's failure leaves it current (the follower's rebuild repairs it).
   */
  async #tellFollowers(version: OntologyVersion): Promise<void> {
    const followers = this.#o.followers ?? [];
    if (followers.length === 0) return;
    const loaded = await loadedOntologies(this.#o.versions);
    for (const f of followers) {
      try {
        await f.ontologiesChanged({ loaded });
      } catch (err) {
        this.#o.logger?.error({ err, version: version.id }, 'an index following the ontology versions failed to update (search rebuilds at the next start)');
      }
    }
  }

  async #compile(version: OntologyVersion, profile: string): Promise<void> {
    try {
      await this.validator(profile);
    } catch (error) {
      if ((error as { code?: string }).code !== 'CAT_ERR_INTERNAL') throw error;
      const why = (error as Error).message.replace(/^Internal error: /, '');
      throw new CatErrors.BAD_REQUEST(`ontology version ${version.id} cannot be used: the shapes derived from it do not compile (${why})`);
    }
  }

  #bundledOntologies(): Promise<Bundled> {
    this.#bundled ??= (async () => {
      const files = new Map<string, Promise<Quad[]>>();
      const byProfile = new Map<string, Map<string, readonly Quad[]>>();
      const bySeries = new Map<string, readonly Quad[]>();
      for (const name of this.#o.profiles.names()) {
        const series = new Map<string, readonly Quad[]>();
        for (const file of this.#o.profiles.get(name).ontologies) {
          if (!files.has(file)) files.set(file, readRdfFile(file));
          const quads = await files.get(file)!;
          const iri = ontologyIriOf(quads);
          series.set(iri, [...(series.get(iri) ?? []), ...quads]);
          bySeries.set(iri, series.get(iri)!);
        }
        byProfile.set(name, series);
      }
      return { byProfile, bySeries };
    })();
    return this.#bundled;
  }

  async #exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.#busy) throw new CatErrors.CONFLICT('another ontology version is being loaded or restored; try again when it has finished');
    this.#busy = true;
    try {
      return await work();
    } finally {
      this.#busy = false;
    }
  }
}
