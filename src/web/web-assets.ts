// **webAssets** serves the console's own stylesheet and scripts, and htmx, Chart.js and YASGUI from their npm packages (no CDN).
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { packageFile } from '../core/package-root.js';

const require = createRequire(import.meta.url);

export const ASSETS_DIR = packageFile('src/web/assets');

/** npm files the pages load, by the name they are served under `/assets/vendor/`. */
const VENDOR = new Map([
  ['htmx.min.js', require.resolve('htmx.org/dist/htmx.min.js')],
  // The UMD build, beside the package's main file: the package exports no path to it.
  ['chart.umd.min.js', path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js')],
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
