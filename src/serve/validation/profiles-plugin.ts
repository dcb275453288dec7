// **profilesPlugin** decorates the app with the ProfileRegistry (one compiled validator per profile) and the validator workers.
import fp from 'fastify-plugin';
import { loadProfiles } from '../../ontology/profile-composer.js';
import { DOCUMENT_NORMALISER_MODULE } from '../../pipeline/normalisation-results.js';
import { LazyValidatorPool } from '../../validate/lazy-validator-pool.js';
import type { ProfileRegistry } from '../../validate/profile-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    profiles: ProfileRegistry;
    /** Worker threads that parse, normalise and validate posted documents off the event loop, started on first use. */
    validators: LazyValidatorPool;
  }
}

export interface ProfilesPluginOptions {
  /** Another profiles manifest; defaults to the bundled shapes/profiles.json. */
  readonly manifest?: string;
  /** A registry built by the caller (the pipeline shares its own); wins over `manifest`. */
  readonly registry?: ProfileRegistry;
  /** Validator workers shared with the caller (the pipeline's, which harvests use too); the caller closes them. */
  readonly validators?: LazyValidatorPool;
}

export const profilesPlugin = fp<ProfilesPluginOptions>(
  async (app, opts) => {
    const registry = opts.registry ?? (await loadProfiles(opts.manifest === undefined ? {} : { manifest: opts.manifest }));
    app.decorate('profiles', registry);
    // Without the pipeline's workers (an app that only serves), one worker of its own is enough for dry runs.
    const validators = opts.validators ?? new LazyValidatorPool({ registry, size: 1, normaliser: DOCUMENT_NORMALISER_MODULE });
    app.decorate('validators', validators);
    if (opts.validators === undefined) app.addHook('onClose', () => validators.close());
  },
  { name: 'sheaf-profiles' },
);
