// CORS: reads open to any origin without credentials; no preflight lets a foreign page send a bearer token to a write route.
import { describe, expect, it } from 'vitest';
import { ADMIN, pipelineApp } from './pipeline-app.js';

const ORIGIN = { origin: 'https://elsewhere.example' };

/** Whether a browser would send `Authorization` (and the method) after this preflight, from ORIGIN. */
function allowsBearer(headers: Record<string, unknown>, method: string): boolean {
  const origin = String(headers['access-control-allow-origin'] ?? '');
  const allowed = String(headers['access-control-allow-headers'] ?? '').toLowerCase().split(/\s*,\s*/);
  const methods = String(headers['access-control-allow-methods'] ?? '').toUpperCase().split(/\s*,\s*/);
  return (origin === '*' || origin === ORIGIN.origin) && allowed.includes('authorization') && methods.includes(method);
}

describe('CORS', () => {
  it.each([
    ['POST', '/api/feeds'], ['PATCH', '/api/feeds/some-feed'], ['DELETE', '/api/feeds/some-feed'], ['POST', '/api/feeds/some-feed/harvest'],
    ['POST', '/api/tokens'], ['DELETE', '/api/tokens/abc'], ['POST', '/api/ontologies'], ['POST', '/api/runs/r1/confirm'], ['POST', '/sparql'],
  ])('no preflight for %s %s lets another origin send Authorization', async (method, url) => {
    const t = await pipelineApp();
    const preflight = await t.app.inject({
      method: 'OPTIONS', url, headers: { ...ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(allowsBearer(preflight.headers, method), JSON.stringify(preflight.headers)).toBe(false);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('answers public reads to any origin, without credentials, and lets a query be POSTed', async () => {
    const t = await pipelineApp();
    for (const url of ['/api/feeds', '/sparql?query=ASK%7B%7D', '/health']) {
      const res = await t.app.inject({ url, headers: ORIGIN });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['access-control-allow-origin'], url).toBe('*');
      expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
    }
    const preflight = await t.app.inject({
      method: 'OPTIONS', url: '/sparql', headers: { ...ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
    // Same-origin and server-side writes are untouched: the token still works where no browser asks.
    expect((await t.app.inject({ url: '/api/tokens', headers: { authorization: `Bearer ${ADMIN}` } })).statusCode).toBe(200);
  });
});
