// Browser sign-in over HTTP: the session cookie's flags, CSRF on every form, forged cookies, revoked tokens, sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, openWebCatalogue, type WebCatalogue } from './web-catalogue.js';
import { buildApp } from '../../src/serve/app.js';
import { openStateDb } from '../../src/store/state-db.js';

let web: WebCatalogue;

beforeAll(async () => {
  web = await openWebCatalogue();
});
afterAll(async () => {
  await web?.close();
});

/** A cookie jar of one browser: what Set-Cookie gave, sent back as Cookie. */
class Jar {
  readonly cookies = new Map<string, string>();
  readonly raw: string[] = [];
  take(setCookie: string | string[] | undefined): void {
    for (const line of [setCookie ?? []].flat()) {
      this.raw.push(line);
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

async function get(jar: Jar, url: string) {
  const res = await web.app.inject({ url, headers: { cookie: jar.header(), accept: 'text/html' } });
  jar.take(res.headers['set-cookie']);
  return res;
}
async function post(jar: Jar, url: string, fields: Record<string, string>) {
  const res = await web.app.inject({
    method: 'POST', url, payload: new URLSearchParams(fields).toString(),
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
  });
  jar.take(res.headers['set-cookie']);
  return res;
}
const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

async function signIn(jar: Jar, token: string) {
  const form = await get(jar, '/sign-in?next=%2Fconsole');
  return post(jar, '/sign-in', { token, next: '/console', _csrf: csrfOf(form.body) });
}

describe('web sign-in', () => {
  it('pastes a token once: an HttpOnly SameSite=Strict session cookie, the console opens, sign-out ends it', async () => {
    const jar = new Jar();
    const anonymous = await get(jar, '/console');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Fconsole');

    const done = await signIn(jar, ADMIN);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/console');
    const session = jar.raw.find((c) => c.startsWith('sheaf_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).not.toMatch(/Secure/i); // the base URL is http here
    expect(session).not.toContain(ADMIN); // the token stays on the server
    const console = await get(jar, '/console');
    expect(console.statusCode).toBe(200);
    expect(console.body).toContain('Sign out');

    const out = await post(jar, '/sign-out', { _csrf: csrfOf(console.body) });
    expect(out.statusCode).toBe(303);
    expect((await get(jar, '/console')).statusCode).toBe(303);
    expect((await get(jar, '/sign-in')).body).toContain('You are signed out.');
  });

  it('refuses a form without its CSRF token (403) and an unknown token with a message beside the field', async () => {
    const jar = new Jar();
    await get(jar, '/sign-in');
    const noCsrf = await post(jar, '/sign-in', { token: ADMIN });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.headers['content-type']).toMatch(/text\/html/);
    expect(jar.cookies.has('sheaf_session')).toBe(false);
    // A token from another browser's form does not pass either.
    const other = new Jar();
    const otherForm = await get(other, '/sign-in');
    expect((await post(jar, '/sign-in', { token: ADMIN, _csrf: csrfOf(otherForm.body) })).statusCode).toBe(403);

    const form = await get(jar, '/sign-in');
    const wrong = await post(jar, '/sign-in', { token: 'sheaf_0000000000000000.nope', _csrf: csrfOf(form.body) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/id="token-error"[^>]*>This token is not recognised/);
    expect(jar.cookies.has('sheaf_session')).toBe(false);

    // Signed in, sign-out without the token is refused too: the session survives.
    await signIn(jar, ADMIN);
    expect((await post(jar, '/sign-out', {})).statusCode).toBe(403);
    expect((await get(jar, '/console')).statusCode).toBe(200);
  });

  it('refuses a forged session cookie with 403 and removes it', async () => {
    const jar = new Jar();
    await signIn(jar, ADMIN);
    const real = jar.cookies.get('sheaf_session')!;
    const [id] = decodeURIComponent(real).split('.');
    jar.cookies.set('sheaf_session', encodeURIComponent(`${id}x.forgedsignature`));
    const res = await get(jar, '/console');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('did not make');
    expect(jar.cookies.has('sheaf_session')).toBe(false);
  });

  it('signs the browser out with a message once its token is revoked, and checks roles on the server', async () => {
    const created = web.pipeline.services.tokens.create({ name: 'sign-in-publisher', role: 'publisher' });
    const jar = new Jar();
    await signIn(jar, created.token);
    expect((await get(jar, '/console')).statusCode).toBe(200);
    // A publisher asking for a curator's page is refused by the server, whatever the page shows.
    const curator = await get(jar, '/console/curator');
    expect(curator.statusCode).toBe(403);
    expect(curator.body).toContain('needs the curator role');

    web.pipeline.services.tokens.revoke(created.info.id);
    const after = await get(jar, '/console');
    expect(after.statusCode).toBe(303);
    expect((await get(jar, after.headers.location as string)).body).toContain('the token this browser signed in with was revoked');
  });

  it('keeps sessions across a restart, in the state database with neither token nor session id readable there, until they expire', async () => {
    const created = web.pipeline.services.tokens.create({ name: 'restart-curator', role: 'curator' });
    const jar = new Jar();
    await signIn(jar, created.token);
    expect((await get(jar, '/console/curator')).statusCode).toBe(200);

    // The web server restarts: a new app over the same data directory, nothing of the old one's memory.
    const restarted = await buildApp({ config: web.app.config, store: web.app.store, logger: false, pipeline: web.pipeline.services, discovery: web.discovery });
    try {
      const again = await restarted.inject({ url: '/console/curator', headers: { cookie: jar.header(), accept: 'text/html' } });
      expect(again.statusCode).toBe(200);
      expect(again.body).toContain('restart-curator');
    } finally {
      await restarted.close();
    }

    // What the database holds is no use without the browser's cookie.
    const state = openStateDb(web.app.config.dataDir);
    try {
      const rows = state.db.prepare('SELECT id, data FROM web_session').all() as Array<{ id: string; data: Buffer }>;
      expect(rows.length).toBeGreaterThan(0);
      const sessionId = decodeURIComponent(jar.cookies.get('sheaf_session')!).split('.')[0]!;
      for (const row of rows) {
        expect(row.data.includes(Buffer.from(created.token))).toBe(false);
        expect(row.data.includes(Buffer.from('restart-curator'))).toBe(false);
        expect(row.id).not.toContain(sessionId);
      }
      // Expired (eight hours after the last request): the browser is sent to sign in, told why.
      state.db.prepare('UPDATE web_session SET expires_at = 0').run();
    } finally {
      state.close();
    }
    const expired = await get(jar, '/console/curator');
    expect(expired.statusCode).toBe(303);
    expect((await get(jar, expired.headers.location as string)).body).toContain('Your session ended');
  });

  it('leaves public pages without cookies, and their errors as problem+json', async () => {
    const home = await web.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.headers['set-cookie']).toBeUndefined();
    const bad = await web.app.inject({ url: '/basket/export' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('marks the session cookie Secure when the base URL is https', async () => {
    const secure = await openWebCatalogue({ baseUrl: 'https://catalogue.example.org' });
    try {
      const form = await secure.app.inject({ url: '/sign-in' });
      const csrfCookie = [form.headers['set-cookie'] ?? []].flat().map((c) => c.split(';')[0]).join('; ');
      const res = await secure.app.inject({
        method: 'POST', url: '/sign-in', payload: new URLSearchParams({ token: ADMIN, _csrf: csrfOf(form.body) }).toString(),
        headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(303);
      const session = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('sheaf_session='))!;
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/HttpOnly/);
    } finally {
      await secure.close();
    }
  });

  it('returns only to paths on this site after sign-in', async () => {
    const jar = new Jar();
    const form = await get(jar, '/sign-in');
    const res = await post(jar, '/sign-in', { token: ADMIN, next: '//evil.example.org/x', _csrf: csrfOf(form.body) });
    expect(res.headers.location).toBe('/console');
  });
});
