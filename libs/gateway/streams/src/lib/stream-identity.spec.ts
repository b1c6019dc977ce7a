import { regionalGroup, streamLogKey } from './stream-identity';

describe('stream names in Redis and Kafka', () => {
  it("keeps tenants apart whatever ids they choose: no org and API can name another pair's key or group", () => {
    const mine = { orgId: 'a:b', apiId: 'c', name: 's' };
    const theirs = { orgId: 'a', apiId: 'b:c', name: 's' };
    expect(streamLogKey(mine)).not.toBe(streamLogKey(theirs));
    expect(regionalGroup('eu', mine)).not.toBe(regionalGroup('eu', theirs));
    // Naming another tenant's whole group as one's own consumer_group only nests it inside one's own.
    const victim = regionalGroup('eu', theirs);
    expect(regionalGroup('eu', mine, victim)).not.toBe(victim);
    expect(regionalGroup('eu', { orgId: 'x', apiId: 'y', name: 'z}{' })).toBe('gatehouse.eu.x:y.z%7D%7B');
    expect(streamLogKey({ orgId: 'o', apiId: 'a}{', name: 'n' })).toBe('stream:{o:a%7D%7B}:n');
  });
});
