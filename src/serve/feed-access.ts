// **assertMayChangeFeed** decides whether a principal may change a feed: curators and admins any, publishers their own.
import { CatErrors } from '../core/errors.js';
import type { Feed } from '../pipeline/feed.js';
import { roleSatisfies, type Principal } from '../core/roles.js';

export function mayChangeFeed(principal: Principal | undefined, feed: Feed): boolean {
  if (principal === undefined) return false;
  return roleSatisfies(principal.role, 'curator') || principal.name === feed.owner;
}

/** Throws CAT_ERR_FORBIDDEN unless `principal` may change (or harvest) `feed`. */
export function assertMayChangeFeed(principal: Principal, feed: Feed): void {
  if (!mayChangeFeed(principal, feed)) {
    throw new CatErrors.FORBIDDEN(`feed "${feed.id}" belongs to another publisher; only its owner or a curator may change it`);
  }
}
