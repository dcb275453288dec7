// **authPlugin** identifies callers from `Authorization: Bearer <token>` and guards routes by role.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { CatErrors } from '../core/errors.js';
import { roleSatisfies, type Principal, type Role, type TokenVerifier } from '../core/roles.js';

export interface AuthOptions {
  /** The configured admin token (SHEAF_ADMIN_TOKEN); without it no admin verifier exists. */
  readonly adminToken?: string;
  /** Further verifiers, asked in order after the admin token. */
  readonly verifiers?: readonly TokenVerifier[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The principal a token (a bearer token's secret, or one a browser session holds) stands for; undefined when no verifier knows it. */
    verifyToken(token: string): Promise<Principal | undefined>;
    /** The principal behind the request's bearer token; undefined without a token; throws 403 for an unknown token. */
    authenticate(request: FastifyRequest): Promise<Principal | undefined>;
    /** The principal if it holds `role` or a more powerful one; throws 401 without a token, 403 when it ranks too low. */
    authorize(request: FastifyRequest, role: Role): Promise<Principal>;
    /** A preHandler form of `authorize`, for routes that always need a role. */
    requireRole(role: Role): preHandlerAsyncHookHandler;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** SHA-256 first, so tokens of different lengths compare in constant time too. */
function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A verifier accepting exactly one secret, compared in constant time. */
export function fixedTokenVerifier(secret: string, principal: Principal): TokenVerifier {
  const expected = digest(secret);
  return (token) => (timingSafeEqual(digest(token), expected) ? principal : undefined);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) throw withChallenge(new CatErrors.UNAUTHORIZED('the Authorization header must be "Bearer <token>"'), 'invalid_request');
  return match[1];
}

function withChallenge<E extends Error>(error: E, problem?: string): E {
  // RFC 6750 §3: a 401 names the scheme (and what was wrong) in WWW-Authenticate.
  const challenge = problem ? `Bearer realm="sheaf", error="${problem}"` : 'Bearer realm="sheaf"';
  return Object.assign(error, { headers: { 'www-authenticate': challenge } });
}

export const authPlugin = fp<AuthOptions>(
  async (app, opts) => {
    const verifiers: TokenVerifier[] = [];
    if (opts.adminToken) verifiers.push(fixedTokenVerifier(opts.adminToken, { role: 'admin', name: 'admin' }));
    verifiers.push(...(opts.verifiers ?? []));

    app.decorateRequest('principal', undefined);
    const verifyToken = async (token: string): Promise<Principal | undefined> => {
      for (const verify of verifiers) {
        const principal = await verify(token);
        if (principal) return principal;
      }
      return undefined;
    };
    app.decorate('verifyToken', verifyToken);
    app.decorate('authenticate', async (request: FastifyRequest): Promise<Principal | undefined> => {
      const token = bearerToken(request);
      if (token === undefined) return undefined;
      const principal = await verifyToken(token);
      if (principal) return principal;
      // The team's rule: no token → 401, a token without the needed rights → 403. A token no verifier
      // knows carries no rights at all, so it is refused with 403 as well (not 401, which would invite a retry).
      throw new CatErrors.FORBIDDEN('the bearer token is not recognised');
    });
    app.decorate('authorize', async (request: FastifyRequest, role: Role): Promise<Principal> => {
      const principal = await app.authenticate(request);
      if (principal === undefined) throw withChallenge(new CatErrors.UNAUTHORIZED(`this operation needs the ${role} role`));
      if (!roleSatisfies(principal.role, role)) {
        throw new CatErrors.FORBIDDEN(`this operation needs the ${role} role; the token has ${principal.role}`);
      }
      request.principal = principal;
      return principal;
    });
    app.decorate('requireRole', (role: Role): preHandlerAsyncHookHandler => {
      return async function requireRole(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
        await app.authorize(request, role);
      };
    });
  },
  { name: 'sheaf-auth' },
);
