// **assertServicesAllowed** refuses SERVICE calls to anything but the configured peer endpoints.
import { CatErrors } from '../../core/errors.js';

/** Normalises a peer URL for comparison: trailing slashes don't make a different endpoint. */
function key(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Walks the whole parse tree (subqueries, EXISTS, update WHERE clauses all nest) and throws 400 for
 * any SERVICE whose endpoint is a variable or not among `peers`: the endpoint must not become a proxy.
 */
export function assertServicesAllowed(parsed: unknown, peers: readonly string[]): void {
  const allowed = new Set(peers.map(key));
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) { stack.push(...node); continue; }
    const record = node as Record<string, unknown>;
    if (record.type === 'service') {
      const name = record.name as { termType?: string; value?: string } | undefined;
      if (name?.termType !== 'NamedNode' || name.value === undefined) {
        throw new CatErrors.SERVICE_NOT_ALLOWED('a variable endpoint could reach anything; name a configured peer');
      }
      if (!allowed.has(key(name.value))) {
        throw new CatErrors.SERVICE_NOT_ALLOWED(`<${name.value}> is not a configured peer (SHEAF_PEERS)`);
      }
    }
    for (const value of Object.values(record)) if (value !== null && typeof value === 'object') stack.push(value);
  }
}
