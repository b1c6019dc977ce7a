import { documentLimits, InvalidInputError } from '@gatehouse/shared-kernel';

import { assertStorableDocument } from './storable-document';

describe(assertStorableDocument.name, () => {
  it('accepts ordinary documents', () => {
    expect(() => assertStorableDocument({ a: [{ b: 1 }], c: { d: null } })).not.toThrow();
  });

  it('names operator and dotted field names, however deep', () => {
    try {
      assertStorableDocument({ $where: 1, ok: [{ 'a.b': 2 }], meta: { nested: { $gt: 0 } } });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues.map((issue) => issue.path)).toEqual([
        '$where',
        'ok.0.a.b',
        'meta.nested.$gt',
      ]);
    }
  });

  it('names arrays nested directly in arrays, which the store refuses', () => {
    expect(() => assertStorableDocument({ ok: [{ list: [1] }] })).not.toThrow();
    try {
      assertStorableDocument({ grid: [[]], meta: { matrix: [[1], 2] } });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues.map((issue) => issue.path)).toEqual([
        'grid.0',
        'meta.matrix.0',
      ]);
    }
  });

  it("with limits, names a field past its kind's limit and the limit, inside an import too", () => {
    const limits = documentLimits().key;
    const meta = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
    expect(() => assertStorableDocument({ meta_data: meta })).not.toThrow();
    try {
      assertStorableDocument({ meta_data: meta }, limits, '2.session');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).issues).toEqual([
        { path: '2.session.meta_data', message: 'has 150 fields; at most 100 are allowed' },
      ]);
    }
    expect(() => assertStorableDocument({ ok: { $gt: 1 } }, limits, '0')).toThrow('0.ok.$gt');
  });
});
