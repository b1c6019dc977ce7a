import { literalPattern } from './literal-pattern';

describe(literalPattern.name, () => {
  it.each(['.*', '(a+)+$', '\\', '[a-z]', 'v1/users?id={x}|^'])('matches %j only literally', (text) => {
    const sut = new RegExp(literalPattern(text), 'i');
    expect(sut.test(`prefix ${text} suffix`)).toBe(true);
    expect(sut.test('something else entirely')).toBe(false);
  });

  it('keeps plain text as it is', () => {
    expect(literalPattern('Payments API')).toBe('Payments API');
  });
});
