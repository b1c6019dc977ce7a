import { TooManyRequestsError } from '@gatehouse/shared-kernel';

import { NodeCallLimits } from './node-call-limits';

describe(NodeCallLimits.name, () => {
  const now = 1_700_000_000_000;
  const flood = { orgId: 'globex', tokenId: 'token-globex-1' };
  const quiet = { orgId: 'acme', tokenId: 'token-acme' };

  it('refuses a token past its rate, then its org past the org rate, leaving other orgs alone', () => {
    const sut = new NodeCallLimits(
      { perToken: { perSecond: 1, burst: 3 }, perOrg: { perSecond: 1, burst: 5 } },
      () => now,
    );
    for (let i = 0; i < 3; i++) sut.admit(flood, 'GetKey');
    expect(() => sut.admit(flood, 'GetKey')).toThrow(TooManyRequestsError);
    expect(() => sut.admit(flood, 'GetKey')).toThrow(
      'this node token is over its GetKey call rate on this bridge; retry in 1 s',
    );
    const second = { ...flood, tokenId: 'token-globex-2' };
    sut.admit(second, 'GetKey');
    sut.admit(second, 'GetKey');
    expect(() => sut.admit(second, 'Watch')).toThrow(
      "org 'globex' is over its Watch call rate on this bridge",
    );
    expect(() => sut.admit(quiet, 'GetKey')).not.toThrow();
  });
});
