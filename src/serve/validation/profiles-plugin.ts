// **profilesPlugin** decorates the app with the ProfileRegistry: one compiled validator per profile, shared by routes.
import fp from 'fastify-plugin';
import { loadProfiles } from '../../ontology/profile-composer.js';
import type { ProfileRegistry } from '../../validate/profile-registry.js';

declare module 'fastify' {
  interface FastifyInstance {
    profiles: ProfileRegistry;
  }
}

export interface ProfilesPluginOptions {
  /** Another profiles manifest; defaults to the bundled shapes/profiles.json. */
  readonly manifest?: string;
  /** A registry built by the caller (the pipeline shares its own); wins over `manifest`. */
  readonly registry?: ProfileRegistry;
}

export const profilesPlugin = fp<ProfilesPluginOptions>(
  async (app, opts) => {
    const registry = opts.registry ?? (await loadProfiles(opts.manifest === undefined ? {} : { manifest: opts.manifest }));
    app.decorate('profiles', registry);
  },
  { name: 'sheaf-profiles' },
);
