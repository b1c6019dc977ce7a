import { InvalidInputError } from '@gatehouse/shared-model';

import { assertStorableKeys } from './storable-keys';

describe(assertStorableKeys.name, () => {
  it('accepts ordinary documents', () => {
    expect(() => assertStorableKeys({ a: [{ b: 1 }], c: { d: null } })).not.toThrow();
  });

  it('names operator and dotted field names, however deep', () => {
    try {
      assertStorableKeys({ $where: 1, ok: [{ 'a.b': 2 }], meta: { nested: { $gt: 0 } } });
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
});
