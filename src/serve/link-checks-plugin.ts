// **linkChecksPlugin** checks the catalogue's links nightly, apart from harvests, and stops doing so when the app closes.
import cron from 'node-cron';
import fp from 'fastify-plugin';
import { SafeFetcher } from '../core/safe-fetch.js';
import { runLinkChecks } from '../quality/link-check-job.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** `start()` schedules the nightly link checks (a role that schedules calls it once listening). */
    linkChecks: { start(): void };
  }
}

export const linkChecksPlugin = fp(
  async (app) => {
    // Politely: HEAD first, per-host limits, an honest user agent.
    const fetcher = new SafeFetcher({ allowPrivateNetworks: app.config.allowPrivateNetworks, maxBytes: 1024 * 1024, retries: 1, timeoutMs: 20_000 });
    let task: ReturnType<typeof cron.schedule> | undefined;
    app.decorate('linkChecks', {
      start() {
        task ??= cron.schedule('30 2 * * *', async () => {
          const feedIds = app.pipeline.feeds.list().map((f) => f.id);
          app.log.info(await runLinkChecks({ quality: app.harvesting.quality, feedIds, fetcher }), 'link checks done');
        }, { noOverlap: true });
      },
    });
    app.addHook('onClose', async () => {
      await task?.stop();
      await fetcher.close();
    });
  },
  { name: 'sheaf-link-checks', dependencies: ['sheaf-harvesting'] },
);
