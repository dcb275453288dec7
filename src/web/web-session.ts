// **webSession** signs browsers in with an API token: a server-side session behind an HttpOnly cookie, CSRF on every form.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie, { Signer } from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { roleSatisfies, type Principal, type Role } from '../core/roles.js';
import { openStateDb } from '../store/state-db.js';
import { SessionStore } from './session-store.js';

export const SESSION_COOKIE = 'sheaf_session';
/** A browser session lasts this long after sign-in, then the token must be pasted again. */
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

declare module 'fastify' {
  interface Session {
    /** The API token the browser signed in with; kept on the server, never sent back to the browser. */
    token?: string;
    /** Why the last session ended, shown once on the sign-in page. */
    notice?: string;
    /** A console message for the next page (a feed registered, a schedule saved), shown once. */
    flash?: string;
  }
}

/** Who is signed in on this request: the token's principal, re-verified now, and the token to act with. */
export interface WebUser {
  readonly principal: Principal;
  readonly token: string;
}

/**
 * The cookie-signing secret, kept in the data directory (owner-only) so a signature made before a restart still
 * verifies: a restarted server then tells the browser its session ended, instead of calling the cookie forged.
 */
function cookieSecret(dataDir: string): string {
  const file = path.join(dataDir, 'web-session.key');
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length >= 32) return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** Thrown to answer with the web console's own pages: the sign-in redirect or a refusal. */
export class WebRefusal extends Error {
  constructor(readonly status: 303 | 403, message: string, readonly location?: string) {
    super(message);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The signed-in user of a browser request, or undefined; a session whose token was revoked is ended here. */
    webUser(request: FastifyRequest): Promise<WebUser | undefined>;
    /** The signed-in user holding `role`; else a WebRefusal (to the sign-in page, or 403 when the role is too low). */
    requireWebUser(request: FastifyRequest, role: Role): Promise<WebUser>;
  }
}

/**
 * Sessions live in the state database (src/web/session-store.ts: encrypted under the cookie's session id, with their
 * expiry), so a restart, or another process of the same catalogue, keeps browsers signed in. Only a successful
 * sign-in creates one, so anonymous visitors cost nothing.
 */
export const webSession = fp(async (app: FastifyInstance) => {
  const secure = app.config.baseUrl.startsWith('https:');
  const signer = new Signer(cookieSecret(app.config.dataDir));
  const state = openStateDb(app.config.dataDir);
  app.addHook('onClose', async () => state.close());
  await app.register(fastifyCookie, { secret: signer });
  await app.register(fastifySession, {
    secret: signer,
    store: new SessionStore({ db: state.db, maxAgeMs: SESSION_MAX_AGE_MS }),
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    // `secure: false` here, Secure added below: the plugin would not set a Secure cookie at all on a request that
    // reached sheaf as http, which is every request behind a TLS-terminating proxy (sheaf trusts no forwarded headers).
    cookie: { httpOnly: true, sameSite: 'strict', secure: false, path: '/', maxAge: SESSION_MAX_AGE_MS },
  });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'sheaf_csrf',
    cookieOpts: { httpOnly: true, sameSite: 'strict', secure, path: '/', signed: true },
  });

  if (secure) {
    app.addHook('onSend', async (_request, reply, payload) => {
      const cookies = reply.getHeader('set-cookie');
      if (cookies === undefined) return payload;
      const list = (Array.isArray(cookies) ? cookies : [String(cookies)]).map((c) =>
        c.startsWith(`${SESSION_COOKIE}=`) && !/;\s*Secure/i.test(c) ? `${c}; Secure` : c);
      // Fastify appends to Set-Cookie: the old values go first, or the browser would get both.
      reply.removeHeader('set-cookie');
      void reply.header('set-cookie', list);
      return payload;
    });
  }

  /** A session cookie whose signature is not ours was made by someone else: refused, never silently replaced. */
  const forged = (request: FastifyRequest): boolean => {
    const raw = request.cookies[SESSION_COOKIE];
    return raw !== undefined && !signer.unsign(raw).valid;
  };

  app.decorate('webUser', async (request: FastifyRequest): Promise<WebUser | undefined> => {
    const token = request.session.get('token');
    if (token === undefined) return undefined;
    const principal = await app.verifyToken(token);
    if (principal === undefined) {
      // Revoked (or the configured admin token changed): the browser is signed out, and told why.
      await request.session.regenerate();
      request.session.set('notice', 'revoked');
      return undefined;
    }
    return { principal, token };
  });

  app.decorate('requireWebUser', async (request: FastifyRequest, role: Role): Promise<WebUser> => {
    if (forged(request)) throw new WebRefusal(403, 'forged');
    const user = await app.webUser(request);
    if (user === undefined) {
      if (request.session.get('notice') === undefined && request.cookies[SESSION_COOKIE] !== undefined) request.session.set('notice', 'expired');
      const next = request.method === 'GET' ? request.url : '/console';
      throw new WebRefusal(303, 'sign in', `/sign-in?${new URLSearchParams({ next }).toString()}`);
    }
    if (!roleSatisfies(user.principal.role, role)) throw new WebRefusal(403, role);
    return user;
  });
}, { name: 'sheaf-web-session', dependencies: ['sheaf-auth'] });

/** The console message left by the last action, removed once read. */
export function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session.get('flash');
  if (flash !== undefined) request.session.set('flash', undefined);
  return flash;
}

/** A form's CSRF token for this browser (sets the signed secret cookie on first use). */
export const csrfToken = (reply: FastifyReply): string => reply.generateCsrf();
