import { configChecksum, groupServesApi } from './config-checksum';

describe(configChecksum.name, () => {
  it('ignores order but not revisions, ids or kinds', () => {
    const base = configChecksum([
      { kind: 'api', id: 'a', rev: 3 },
      { kind: 'policy', id: 'p', rev: 5 },
    ]);
    expect(
      configChecksum([
        { kind: 'policy', id: 'p', rev: 5 },
        { kind: 'api', id: 'a', rev: 3 },
      ]),
    ).toBe(base);
    expect(
      configChecksum([
        { kind: 'api', id: 'a', rev: 3 },
        { kind: 'policy', id: 'p', rev: 6 },
      ]),
    ).not.toBe(base);
    expect(
      configChecksum([
        { kind: 'api', id: 'a', rev: 3 },
        { kind: 'api', id: 'p', rev: 5 },
      ]),
    ).not.toBe(base);
    expect(configChecksum([])).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe(groupServesApi.name, () => {
  it.each([
    [[], ['us'], true],
    [['eu'], [], true],
    [['eu'], ['us'], false],
    [['eu', 'edge'], ['us', 'edge'], true],
  ])('group %j, API %j → %s', (group, api, served) => {
    expect(groupServesApi(group, api)).toBe(served);
  });
});
