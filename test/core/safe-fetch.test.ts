// SafeFetcher over real HTTP on 127.0.0.1: guard after DNS and on every redirect, caps, retries, conditional GET.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafeFetcher, type SafeFetcherOptions } from '../../src/core/safe-fetch.js';
import { startFixtureServer, type FixtureServer } from '../fixture-server.js';

const FAST: SafeFetcherOptions = { retries: 2, retryBaseMs: 5, perHostDelayMs: 0, timeoutMs: 5_000 };

async function withFetcher<T>(opts: SafeFetcherOptions, run: (f: SafeFetcher) => Promise<T>): Promise<T> {
  const fetcher = new SafeFetcher({ ...FAST, ...opts });
  try {
    return await run(fetcher);
  } finally {
    await fetcher.close();
  }
}

describe('SafeFetcher', () => {
  let server: FixtureServer;
  let port: string;
  beforeAll(async () => {
    server = await startFixtureServer({
      '/ok': { body: 'hello', type: 'text/plain' },
      '/cached': { body: 'same as before', type: 'text/plain', conditional: true },
      '/to-localhost': { handler: (req) => ({ redirect: `http://localhost:${req.url.port}/ok` }) },
      '/to-loopback-v6': { handler: (req) => ({ redirect: `http://[::1]:${req.url.port}/ok` }) },
      '/to-ok': { redirect: '/ok', status: 301 },
      '/loop': { redirect: '/loop' },
      '/to-file': { redirect: 'file:///etc/passwd' },
      '/big-declared': { body: 'x'.repeat(2048), type: 'text/plain' },
      '/huge': { hugeBytes: 8 * 1024 * 1024 },
      '/slow': { body: 'late', delayMs: 1_500 },
      '/flaky': { handler: () => (server.hits('/flaky') < 3 ? { status: 503, headers: { 'retry-after': '0' } } : { body: 'recovered' }) },
      '/busy': { status: 503, headers: { 'retry-after': '3600' } },
      '/missing': { status: 404 },
      '/bad-gateway': { status: 502 },
    });
    port = new URL(server.origin).port;
  });
  afterAll(() => server.close());

  describe('address guard (on unless private networks are allowed)', () => {
    it.each([
      ['an IP literal on loopback', () => `http://127.0.0.1:${port}/ok`, /127\.0\.0\.1 is in the loopback range/],
      ['a host name resolving to loopback (checked after DNS)', () => `http://localhost:${port}/ok`, /localhost resolves to .* loopback/],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/', /cloud metadata/],
      ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${port}/ok`, /loopback/],
    ])('refuses %s', async (_name, url, message) => {
      await withFetcher({}, async (f) => {
        await expect(f.fetch(url())).rejects.toMatchObject({ code: 'CAT_ERR_FETCH_REFUSED', message: expect.stringMatching(message) });
      });
    });

    it.each([
      ['to a name resolving to loopback', '/to-localhost', /localhost resolves to .* loopback/],
      ['to an IPv6 loopback literal', '/to-loopback-v6', /::1 is in the loopback range/],
    ])('re-checks every redirect: refuses a redirect %s', async (_name, path, message) => {
      // The first hop is a trusted host; the redirect target is not, so the guard must stop it.
      await withFetcher({ allowHosts: ['127.0.0.1'] }, async (f) => {
        await expect(f.fetch(server.url(path))).rejects.toMatchObject({ code: 'CAT_ERR_FETCH_REFUSED', message: expect.stringMatching(message) });
      });
    });

    it('follows redirects when private networks are allowed, and reports the final URL', async () => {
      await withFetcher({ allowPrivateNetworks: true }, async (f) => {
        const page = await f.fetch(server.url('/to-localhost'));
        expect(page.text()).toBe('hello');
        expect(page.url).toBe(`http://localhost:${port}/ok`);
      });
    });
  });

  describe('with private networks allowed', () => {
    const fetcher = new SafeFetcher({ ...FAST, allowPrivateNetworks: true, maxBytes: 1024 * 1024 });
    afterAll(() => fetcher.close());

    it('sends an honest User-Agent', async () => {
      await fetcher.fetch(server.url('/ok'));
      expect(server.log.at(-1)!.headers['user-agent']).toMatch(/^sheaf\/\d+\.\d+\.\d+ \(\+https:\/\//);
    });

    it.each([
      ['more than five redirects', '/loop', 'CAT_ERR_FETCH_REFUSED', /more than 5 redirects/],
      ['a redirect to a file: URL', '/to-file', 'CAT_ERR_FETCH_REFUSED', /only http and https/],
      ['a 404', '/missing', 'CAT_ERR_FETCH_FAILED', /HTTP 404/],
      ['a body past the cap, streamed', '/huge', 'CAT_ERR_FETCH_REFUSED', /exceeds the cap of 1048576 bytes/],
      ['a Retry-After beyond the limit', '/busy', 'CAT_ERR_FETCH_FAILED', /Retry-After of 3600000 ms exceeds/],
    ])('refuses %s', async (_name, path, code, message) => {
      await expect(fetcher.fetch(server.url(path))).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    });

    it('refuses a declared Content-Length past the cap before reading the body', async () => {
      await withFetcher({ allowPrivateNetworks: true, maxBytes: 1024 }, async (f) => {
        await expect(f.fetch(server.url('/big-declared'))).rejects.toMatchObject({ message: expect.stringMatching(/declares 2048 bytes/) });
      });
    });

    it('retries a 503 honouring Retry-After, then succeeds', async () => {
      const page = await fetcher.fetch(server.url('/flaky'));
      expect(page.text()).toBe('recovered');
      expect(server.hits('/flaky')).toBe(3);
    });

    it('stops waiting between retries when the harvest is aborted', async () => {
      await withFetcher({ allowPrivateNetworks: true, retries: 3, retryBaseMs: 60_000 }, async (f) => {
        const controller = new AbortController();
        const pending = f.fetch(server.url('/bad-gateway'), { signal: controller.signal });
        setTimeout(() => controller.abort(), 100);
        await expect(pending).rejects.toMatchObject({ code: 'CAT_ERR_FETCH_FAILED', message: expect.stringMatching(/aborted/) });
      });
    });

    it('gives up on a slow answer after the timeout and its retries', async () => {
      await withFetcher({ allowPrivateNetworks: true, timeoutMs: 200, retries: 1 }, async (f) => {
        await expect(f.fetch(server.url('/slow'))).rejects.toMatchObject({ code: 'CAT_ERR_FETCH_FAILED', message: expect.stringMatching(/timed out/) });
      });
      expect(server.hits('/slow')).toBe(2);
    });

    it('answers a conditional GET with notModified when the validators match', async () => {
      const first = await fetcher.fetch(server.url('/cached'));
      expect(first.etag).toBeDefined();
      const again = await fetcher.fetch(server.url('/cached'), { etag: first.etag });
      expect(again).toMatchObject({ status: 304, notModified: true });
      expect(server.log.at(-1)!.headers['if-none-match']).toBe(first.etag);
      const byDate = await fetcher.fetch(server.url('/cached'), { lastModified: first.lastModified });
      expect(byDate.notModified).toBe(true);
    });

    it('reads file: URLs only for sources marked local', async () => {
      const url = new URL('../fixtures/dcat/catalog.nt', import.meta.url).href;
      await expect(fetcher.fetch(url)).rejects.toMatchObject({ code: 'CAT_ERR_FETCH_REFUSED' });
      const page = await fetcher.fetch(url, { allowFile: true });
      expect(page.text()).toContain('Kidney tumour CT');
    });
  });
});
