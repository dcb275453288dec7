// **assertMayChangeFeed** decides whether a principal may change a feed: curators and admins any, publishers those their token owns.
import { CatErrors } from '../core/errors.js';
import type { Feed } from '../pipeline/feed.js';
import { roleSatisfies, type Principal } from '../core/roles.js';

export function mayChangeFeed(principal: Principal | undefined, feed: Feed): boolean {
  if (principal === undefined) return false;
  // By identity, never by name: an admin names tokens freely, so a name says nothing about who registered the feed.
  return roleSatisfies(principal.role, 'curator') || (principal.tokenId !== undefined && principal.tokenId === feed.ownerToken);
}

/** Throws CAT_ERR_FORBIDDEN unless `principal` may change (or harvest) `feed`. */
export function assertMayChangeFeed(principal: Principal, feed: Feed): void {
  if (!mayChangeFeed(principal, feed)) {
    throw new CatErrors.FORBIDDEN(`feed "${feed.id}" belongs to another publisher; only its owner or a curator may change it`);
  }
}

/** A feed's safety guards: what limits the damage one run can do. Only curators and admins set them. */
const GUARD_SETTINGS = ['maxWithdrawShare'] as const;

/**
 * Throws CAT_ERR_GUARD_SETTING_FORBIDDEN when a publisher's registration or change sets a guard: a publisher that
 * could raise its own feed's withdrawal share to 1 would switch off the mass-deletion guard that protects the
 * catalogue from its own (or its source's) mistakes.
 */
export function assertMaySetGuards(principal: Principal, body: Readonly<Record<string, unknown>>): void {
  if (roleSatisfies(principal.role, 'curator')) return;
  const set = GUARD_SETTINGS.filter((field) => body[field] !== undefined);
  if (set.length > 0) throw new CatErrors.GUARD_SETTING_FORBIDDEN(`${set.join(', ')} is a guard setting; only a curator or an admin may set it`);
}
