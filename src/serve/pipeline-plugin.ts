// **pipelinePlugin** decorates the app with the harvesting services (feeds, tokens, runs, scheduler) route plugins use.
import fp from 'fastify-plugin';
import type { PipelineServices } from './open-pipeline.js';

declare module 'fastify' {
  interface FastifyInstance {
    pipeline: PipelineServices;
  }
}

export const pipelinePlugin = fp<{ readonly services: PipelineServices }>(
  async (app, opts) => {
    app.decorate('pipeline', opts.services);
  },
  { name: 'sheaf-pipeline' },
);
