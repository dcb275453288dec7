// **webAssets** serves the console's own stylesheet and script, and htmx copied from its npm package (no CDN).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

const require = createRequire(import.meta.url);

/** The package root, found upwards from this file, so the assets resolve from `src/` and from a compiled `dist/`. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('sheaf web assets: no package.json above this module');
    dir = up;
  }
  return dir;
}

export const ASSETS_DIR = path.join(packageRoot(), 'src', 'web', 'assets');

/** npm files the pages load, by the name they are served under `/assets/vendor/`. */
const VENDOR = new Map([
  ['htmx.min.js', require.resolve('htmx.org/dist/htmx.min.js')],
  ['yasgui.min.js', require.resolve('@zazuko/yasgui/build/yasgui.min.js')],
  ['yasgui.min.css', require.resolve('@zazuko/yasgui/build/yasgui.min.css')],
]);

export const webAssets: FastifyPluginAsync = async (app) => {
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', index: false, maxAge: '1h', wildcard: false });
  for (const [name, file] of VENDOR) {
    app.get(`/assets/vendor/${name}`, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').sendFile(path.basename(file), path.dirname(file)));
  }
};
