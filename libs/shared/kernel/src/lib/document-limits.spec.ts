import { InvalidInputError } from './domain-errors';
import {
  assertWithinDocumentLimits,
  DEFAULT_DOCUMENT_LIMIT_SETTINGS,
  documentLimitIssues,
  documentLimits,
} from './document-limits';

const limits = documentLimits();
const fields = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`f${i}`, i]));

describe(documentLimitIssues.name, () => {
  it('accepts an ordinary key, policy and API definition', () => {
    const key = { access_rights: { a: { api_id: 'a', versions: ['Default'] } }, meta_data: { team: 'x' } };
    expect(documentLimitIssues(key, limits.key)).toEqual([]);
    expect(documentLimitIssues({ id: 'gold', rate: 10, per: 1, tags: ['eu'] }, limits.policy)).toEqual([]);
    expect(documentLimitIssues({ api_id: 'a', proxy: { listen_path: '/a/' } }, limits.api)).toEqual([]);
  });

  it("names a key's meta_data with too many fields, and the limit (the incident's 60,000-field key)", () => {
    expect(documentLimitIssues({ meta_data: fields(60_000) }, limits.key)).toEqual([
      { path: 'meta_data', message: 'has 60000 fields; at most 100 are allowed' },
    ]);
    expect(documentLimitIssues({ meta_data: fields(100) }, limits.key)).toEqual([]);
  });

  it('names too many tags and a tag too long', () => {
    expect(documentLimitIssues({ tags: Array(51).fill('t') }, limits.api)).toEqual([
      { path: 'tags', message: 'has 51 items; at most 50 are allowed' },
    ]);
    expect(documentLimitIssues({ tags: ['ok', 'x'.repeat(201)] }, limits.policy)).toEqual([
      { path: 'tags.1', message: 'is 201 characters long; at most 200 are allowed' },
    ]);
    const oas = { 'x-tyk-api-gateway': { server: { gatewayTags: { tags: Array(60).fill('t') } } } };
    expect(documentLimitIssues(oas, limits.api).map((issue) => issue.path)).toEqual([
      'x-tyk-api-gateway.server.gatewayTags.tags',
    ]);
  });

  it('names a long string, deep nesting, and a big array anywhere', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 40; i++) cursor = cursor['n'] = {} as Record<string, unknown>;
    const issues = documentLimitIssues(
      { description: 'x'.repeat(64 * 1024 + 1), deep, list: { items: Array(1_001).fill(0) } },
      limits.key,
    );
    expect(issues).toEqual([
      { path: 'description', message: 'is 65537 characters long; at most 65536 are allowed' },
      { path: `deep${'.n'.repeat(31)}`, message: 'nests deeper than 32 levels' },
      { path: 'list.items', message: 'has 1001 items; at most 1000 are allowed' },
    ]);
  });

  it('bounds the fields and items of a whole document, however they are spread', () => {
    const spread = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`o${i}`, fields(99)]));
    const issues = documentLimitIssues(spread, limits.key);
    expect(issues).toEqual([
      {
        path: '',
        message: 'the key has more than 5000 fields and array items in all; at most 5000 are allowed',
      },
    ]);
  });

  it('refuses a document past its size, naming the largest field', () => {
    const big = { alias: 'a', meta_data: { blob: 'x'.repeat(60_000) }, notes: 'y'.repeat(10_000) };
    expect(documentLimitIssues(big, limits.key)).toEqual([
      {
        path: '',
        message:
          'the key is 68.4 KiB of JSON; at most 64 KiB are allowed (the largest field is meta_data, 58.6 KiB)',
      },
    ]);
  });

  it('prefixes paths, for documents inside an import', () => {
    expect(documentLimitIssues({ meta_data: fields(101) }, limits.key, '3.session')).toEqual([
      { path: '3.session.meta_data', message: 'has 101 fields; at most 100 are allowed' },
    ]);
  });

  it('follows the settings', () => {
    const tight = documentLimits({
      ...DEFAULT_DOCUMENT_LIMIT_SETTINGS,
      metaDataMaxFields: 2,
      keyMaxBytes: 100,
    });
    expect(documentLimitIssues({ meta_data: fields(3) }, tight.key)[0].message).toContain('at most 2');
    expect(documentLimitIssues({ alias: 'x'.repeat(200) }, tight.key)[0].message).toContain(
      'at most 100 bytes',
    );
  });

  it('names at most ten fields, so refusing a huge document stays cheap', () => {
    const strings = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`s${i}`, 'x'.repeat(70_000)]));
    expect(documentLimitIssues(strings, limits.api)).toHaveLength(10);
  });
});

describe(assertWithinDocumentLimits.name, () => {
  it('throws InvalidInputError naming the field', () => {
    expect(() => assertWithinDocumentLimits({ meta_data: fields(101) }, limits.key)).toThrow(
      InvalidInputError,
    );
    expect(() => assertWithinDocumentLimits({ meta_data: fields(101) }, limits.key)).toThrow(
      'meta_data: has 101 fields; at most 100 are allowed',
    );
  });
});
