// **ROLES** ranks who may do what (admin, curator, publisher); a **Principal** is a token's holder and role.

/** Roles from most to least powerful: a role may do everything the roles after it may. */
export const ROLES = ['admin', 'curator', 'publisher'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  readonly role: Role;
  /** Who holds the token, for logs and audit trails ("admin" for the configured admin token). */
  readonly name: string;
  /**
   * The token's identity (its row id), what rights such as feed ownership are matched on: never the name,
   * which an admin chooses freely. Absent for the configured admin token (SHEAF_ADMIN_TOKEN), which has no row.
   */
  readonly tokenId?: string;
}

/** The name of the configured admin token (SHEAF_ADMIN_TOKEN) and of the one generated on a first start without it. */
export const ADMIN_NAME = 'admin';

/**
 * Resolves a bearer token to a principal, or undefined when the token is not one this verifier knows.
 * The configured admin token is one verifier; DB-stored hashed tokens can be another, added through
 * the plugin's `verifiers` option without touching routes.
 */
export type TokenVerifier = (token: string) => Promise<Principal | undefined> | Principal | undefined;

/** True when `held` is `needed` or ranks above it. */
export function roleSatisfies(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) <= ROLES.indexOf(needed);
}
