// **authRateLimit** refuses requests (429) from an address after too many failed bearer-token attempts.
import fp from 'fastify-plugin';
import { CatErrors } from '../core/errors.js';

// Why not `@fastify/rate-limit`: it counts requests per key in a window, decided before the handler runs, and a
// request over the count is refused whatever it carries. What this guards against is token guessing, so it counts
// only refusals of an unrecognised token (401/403 whose token the verifiers do not know), known after the response:
// a curator's many good requests, or a good token lacking a role, never count, and anonymous reads are never
// refused. `@fastify/rate-limit` has no way to count responses by outcome (it can only skip requests up front), so
// using it would either limit every authenticated request or need a custom store doing what this file does.

export interface AuthRateLimitOptions {
  /** Failed attempts allowed per address within the window (default 10). */
  readonly maxFailures?: number;
  /** Window in ms (default 15 minutes); an address is let in again once its failures age out. */
  readonly windowMs?: number;
  /** Addresses tracked at most, so a spray of addresses cannot grow memory without bound (default 10,000). */
  readonly maxAddresses?: number;
}

export const authRateLimit = fp<AuthRateLimitOptions>(
  async (app, opts) => {
    const max = opts.maxFailures ?? 10;
    const windowMs = opts.windowMs ?? 15 * 60_000;
    const maxAddresses = opts.maxAddresses ?? 10_000;
    // Failure times per address, oldest first; a Map keeps insertion order, so the oldest address goes first.
    const failures = new Map<string, number[]>();

    const recent = (ip: string, now: number): number[] => {
      const times = (failures.get(ip) ?? []).filter((t) => now - t < windowMs);
      if (times.length === 0) failures.delete(ip);
      else failures.set(ip, times);
      return times;
    };

    app.addHook('onRequest', async (request, reply) => {
      // Only requests presenting a token are limited: anonymous public reads never count or get refused.
      if (request.headers.authorization === undefined) return;
      const now = Date.now();
      const times = recent(request.ip, now);
      if (times.length >= max) {
        const retryAfter = Math.ceil((times[0]! + windowMs - now) / 1000);
        void reply.header('retry-after', String(retryAfter));
        throw new CatErrors.RATE_LIMITED(`${times.length} failed token attempts from this address; retry in ${retryAfter} s`);
      }
    });

    app.addHook('onResponse', async (request, reply) => {
      if ((reply.statusCode !== 401 && reply.statusCode !== 403) || request.headers.authorization === undefined) return;
      // A refusal is a failed attempt only when the token itself is bad (unknown, revoked, malformed), not when
      // a good token lacks the role: ask the verifiers again (one hash and one keyed lookup) to tell them apart.
      try {
        if ((await app.authenticate(request)) !== undefined) return;
      } catch {
        // Not recognised: count it below.
      }
      const now = Date.now();
      const times = recent(request.ip, now);
      times.push(now);
      failures.delete(request.ip);
      failures.set(request.ip, times);
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value!);
    });
  },
  { name: 'sheaf-auth-rate-limit' },
);
