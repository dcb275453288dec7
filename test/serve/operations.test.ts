// Operations endpoints: /health, Prometheus /metrics with request and store timings, OpenAPI at /docs.
import { describe, expect, it } from 'vitest';
import { sparqlApp } from './sparql-app.js';

describe('operations endpoints', () => {
  it('reports liveness at /health', async () => {
    const { app } = await sparqlApp();
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', store: 'embedded' });
  });

  it('counts requests by route pattern and status, and times store queries', async () => {
    const { app } = await sparqlApp();
    await app.inject({ url: '/sparql?query=ASK%7B%7D' });
    await app.inject({ url: '/sparql?query=ASK%7B' });
    await app.inject({ url: '/nowhere/123' });
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.body;
    expect(text).toContain('sheaf_http_requests_total{method="GET",route="/sparql",status="200"} 1');
    expect(text).toContain('sheaf_http_requests_total{method="GET",route="/sparql",status="400"} 1');
    expect(text).toContain('sheaf_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toMatch(/sheaf_http_request_duration_seconds_count\{method="GET",route="\/sparql",status="200"\} 1/);
    expect(text).toContain('sheaf_store_query_duration_seconds_count{operation="ask",outcome="ok"} 1');
    expect(text).toContain('sheaf_process_resident_memory_bytes');
  });

  it('publishes an OpenAPI document with the SPARQL routes, and Swagger UI at /docs', async () => {
    const { app } = await sparqlApp();
    const doc = (await app.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/sparql'].get.parameters.map((p: { name: string }) => p.name)).toContain('default-graph-uri');
    expect(Object.keys(doc.paths['/sparql'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['application/sparql-query', 'application/x-www-form-urlencoded']),
    );
    expect(Object.keys(doc.paths['/sparql'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '406']));
    expect(doc.paths['/metrics']).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    const ui = await app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
