import { requestIdFrom } from './request-id';

describe(requestIdFrom.name, () => {
  it('keeps a sane caller id', () => {
    expect(requestIdFrom('abc-123:4.5_6')).toBe('abc-123:4.5_6');
    expect(requestIdFrom(['first', 'second'])).toBe('first');
  });

  it.each([undefined, '', 'has space', 'line\nbreak', 'x'.repeat(129)])(
    'replaces %j with a fresh UUID',
    (header) => {
      expect(requestIdFrom(header)).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      );
    },
  );
});
