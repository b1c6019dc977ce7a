import { compileJsonValidator } from './json-validation';

describe(compileJsonValidator.name, () => {
  it('keeps each schema its own pattern, whatever was compiled before (Ajv shares patterns by name)', () => {
    const letters = compileJsonValidator({ type: 'string', pattern: '^[a-z]+$' });
    const hex = compileJsonValidator({ type: 'string', pattern: '^[a-f0-9]+$' });
    expect(letters('abc')).toEqual([]);
    expect(hex('abc123')).toEqual([]);
    expect(hex('xyz')).toEqual(["(root): Does not match pattern '^[a-f0-9]+$'"]);
  });

  it('runs schema patterns on RE2, in time linear in the input (attack: a backtracking pattern)', () => {
    const validate = compileJsonValidator({ type: 'string', pattern: '^(a+)+$' });
    const started = performance.now();
    expect(validate(`${'a'.repeat(50_000)}!`)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
