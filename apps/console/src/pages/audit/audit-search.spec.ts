import { auditQuery, parseAuditSearch } from './audit-search';

describe('audit filters and the GET /audit query', () => {
  it('asks the server for the filtered page the URL names', () => {
    const search = parseAuditSearch({
      page: '1',
      resource: 'keys',
      actor: ' Ann@Example.test ',
      since: '2026-11-30',
    });
    expect(search).toEqual({ page: 1, resource: 'keys', actor: 'ann@example.test', since: '2026-11-30' });
    expect(auditQuery(search, 50)).toEqual({
      resource: 'keys',
      actor: 'ann@example.test',
      since: '2026-11-30T00:00:00.000Z',
      limit: 50,
      offset: 50,
    });
  });

  it('sends only the page when nothing is filtered', () => {
    expect(auditQuery(parseAuditSearch({}), 50)).toEqual({ limit: 50, offset: 0 });
  });

  it('drops malformed values rather than sending them', () => {
    expect(parseAuditSearch({ page: 'x', since: 'yesterday', actor: '', resource: ['keys'] })).toEqual({
      page: undefined,
      resource: undefined,
      actor: undefined,
      since: undefined,
    });
    expect(parseAuditSearch({ since: '2026-13-45' }).since).toBeUndefined();
  });
});
