// **metricsPlugin** counts and times every request and store query, and serves them at /metrics for Prometheus.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type StoreOperation = 'select' | 'ask' | 'construct' | 'update' | 'replace' | 'drop' | 'load' | 'dump';

export interface Metrics {
  readonly registry: Registry;
  /** Runs a store call and records its duration (and failure code) under `operation`. */
  timeStore<T>(operation: StoreOperation, run: () => Promise<T>): Promise<T>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export interface MetricsOptions {
  /** Process metrics (memory, event loop lag, GC); on by default, tests may leave them off. */
  readonly processMetrics?: boolean;
}

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const metricsPlugin = fp<MetricsOptions>(
  async (app: FastifyInstance, opts) => {
    // One registry per app, not prom-client's global one, so several apps in one process don't collide.
    const registry = new Registry();
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'sheaf_' });
    const labelNames = ['method', 'route', 'status'] as const;
    const requests = new Counter({ name: 'sheaf_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
    const durations = new Histogram({
      name: 'sheaf_http_request_duration_seconds', help: 'HTTP request duration', labelNames, buckets: SECONDS, registers: [registry],
    });
    const storeDurations = new Histogram({
      name: 'sheaf_store_query_duration_seconds', help: 'Store call duration by operation', labelNames: ['operation', 'outcome'],
      buckets: SECONDS, registers: [registry],
    });
    const storeErrors = new Counter({
      name: 'sheaf_store_errors_total', help: 'Store calls that failed, by operation and error code', labelNames: ['operation', 'code'],
      registers: [registry],
    });

    app.decorate('metrics', {
      registry,
      async timeStore<T>(operation: StoreOperation, run: () => Promise<T>): Promise<T> {
        const stop = storeDurations.startTimer({ operation });
        try {
          const result = await run();
          stop({ outcome: 'ok' });
          return result;
        } catch (error) {
          stop({ outcome: 'error' });
          storeErrors.inc({ operation, code: String((error as { code?: unknown }).code ?? 'UNKNOWN') });
          throw error;
        }
      },
    } satisfies Metrics);

    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, not the URL: one series per endpoint, whatever ids or queries clients send.
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      requests.inc(labels);
      durations.observe(labels, reply.elapsedTime / 1000);
    });

    app.get('/metrics', {
      schema: {
        summary: 'Prometheus metrics',
        tags: ['operations'],
        response: { 200: { description: 'Prometheus text exposition format', type: 'string' } },
      },
    }, async (_request, reply) => {
      void reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'sheaf-metrics' },
);
