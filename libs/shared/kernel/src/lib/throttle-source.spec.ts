import { throttleSource } from './throttle-source';

describe(throttleSource.name, () => {
  it('counts IPv4 clients by address, also in the form a dual-stack socket reports', () => {
    expect(throttleSource('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleSource('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleSource('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 clients by their /64, however the address is written', () => {
    const expected = '2001:db8:0:1::/64';
    for (const address of [
      '2001:db8:0:1::1',
      '2001:0db8:0000:0001:ffff:ffff:ffff:ffff',
      '2001:DB8:0:1:a:b:c:d',
      '2001:db8:0:1::10%eth0',
    ])
      expect(throttleSource(address)).toBe(expected);
    expect(throttleSource('2001:db8:0:2::1')).toBe('2001:db8:0:2::/64');
    expect(throttleSource('::1')).toBe('0:0:0:0::/64');
    expect(throttleSource('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(throttleSource('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('puts every caller without a usable address in one bucket', () => {
    expect(throttleSource(undefined)).toBe('unknown');
    expect(throttleSource('')).toBe('unknown');
    expect(throttleSource('not an address')).toBe('unknown');
  });
});
