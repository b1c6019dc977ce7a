import { BlockList, isIP } from 'node:net';

/** A set of addresses and CIDR ranges (IPv4 and IPv6), as in Tyk's `allowed_ips` / `blacklisted_ips`. */
export class IpList {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.trim().split('/');
      const family = isIP(address);
      if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  /** IPv4 clients on a dual-stack socket arrive as `::ffff:a.b.c.d`; both forms are checked. */
  contains(address: string): boolean {
    if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) {
      return this.list.check(address.slice(7), 'ipv4');
    }
    return this.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}
