import { isIP } from 'node:net';

/** The 16-bit groups of an IPv6 address (`::` expanded, an embedded IPv4 tail counted as two groups). */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) =>
    part ? part.split(':').flatMap((group) => (group.includes('.') ? ['v4', 'v4'] : [group])) : [];
  const left = groups(head);
  const right = groups(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right];
}

/**
 * What failed-credential throttles count a client by: its IPv4 address (unwrapped from the `::ffff:`
 * form a dual-stack socket reports), or the /64 prefix of its IPv6 address. One subscriber is usually
 * given a whole /64, so counting single IPv6 addresses would hand an attacker 2^64 fresh budgets.
 * Anything that is not an address (no socket address at all) is counted as one shared source.
 */
export function throttleSource(address: string | undefined): string {
  const bare = (address ?? '').split('%')[0];
  if (bare.toLowerCase().startsWith('::ffff:') && isIP(bare.slice(7)) === 4) return bare.slice(7);
  switch (isIP(bare)) {
    case 4:
      return bare;
    case 6:
      return `${ipv6Groups(bare.toLowerCase())
        .slice(0, 4)
        .map((group) => group.replace(/^0+(?=.)/, ''))
        .join(':')}::/64`;
    default:
      return 'unknown';
  }
}
