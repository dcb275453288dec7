// **address-guard** refuses network addresses a harvester must never reach (private, loopback, metadata…).
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { CatErrors } from './errors.js';

// Cloud metadata endpoints are named even though their ranges are refused anyway: the message says why.
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254']);

/**
 * Why `address` may not be fetched, or undefined when it is a public unicast address. Only the
 * `unicast` ranges of ipaddr.js pass: loopback, private, link-local, unique-local, CGNAT, multicast,
 * unspecified, reserved, documentation and the IPv6 transition ranges embedding IPv4 are all refused.
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries.
 */
export function refusalReason(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const normal = parsed.toString();
  if (METADATA_ADDRESSES.has(normal)) return `${normal} is a cloud metadata address`;
  const range = parsed.range();
  return range === 'unicast' ? undefined : `${normal} is in the ${range} range`;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

export type LookupFunction = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for `net.connect` / undici's `connect` option: resolves with the system resolver, then
 * refuses the connection when any resolved address is forbidden. Checking after resolution (not on the
 * host name) is what defeats DNS names that point at 127.0.0.1 or the metadata service. Host names in
 * `allowHosts` (an intranet source an admin trusts) skip the check.
 */
export function guardedLookup({ allowHosts = new Set<string>() }: { allowHosts?: ReadonlySet<string> } = {}): LookupFunction {
  return (hostname, options, callback) => checkedLookup(hostname, options, callback, allowHosts);
}

function checkedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback, allowHosts: ReadonlySet<string>): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const list = addresses as dns.LookupAddress[];
    for (const { address } of allowHosts.has(hostname.toLowerCase()) ? [] : list) {
      const reason = refusalReason(address);
      if (reason !== undefined) {
        return callback(new CatErrors.FETCH_REFUSED(`${hostname} resolves to ${reason}`) as NodeJS.ErrnoException, '');
      }
    }
    if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
    if (options.all) return callback(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
}

/** Throws FETCH_REFUSED when `hostname` is an IP literal that may not be fetched (literals skip lookup). */
export function assertLiteralAllowed(hostname: string, allowHosts: ReadonlySet<string> = new Set()): void {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (net.isIP(bare) === 0 || allowHosts.has(bare.toLowerCase())) return;
  const reason = refusalReason(bare);
  if (reason !== undefined) throw new CatErrors.FETCH_REFUSED(reason);
}
