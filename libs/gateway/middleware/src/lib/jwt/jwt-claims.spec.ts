import { identityOf, policiesOf, timeClaimsFailure } from './jwt-claims';

const skews = { expiresSkewSeconds: 0, issuedAtSkewSeconds: 0, notBeforeSkewSeconds: 0 };
const messageOf = (result: unknown) => (result as { message?: string } | undefined)?.message;

describe('timeClaimsFailure (Tyk mw_jwt.go timeValidateJWTClaims)', () => {
  it('fails at exp itself, on whole seconds, and on a non-numeric exp', () => {
    expect(timeClaimsFailure({ exp: 100 }, 99.9, skews)).toBeUndefined();
    expect(messageOf(timeClaimsFailure({ exp: 100 }, 100.2, skews))).toBe(
      'Key not authorized: token has expired',
    );
    expect(messageOf(timeClaimsFailure({ exp: 'soon' }, 1, skews))).toBe(
      'Key not authorized: token has expired',
    );
    expect(timeClaimsFailure({ exp: 0 }, 1_000, skews)).toBeUndefined();
    expect(timeClaimsFailure({ exp: 100 }, 105, { ...skews, expiresSkewSeconds: 10 })).toBeUndefined();
  });

  it('reports the last failing check when several fail (exp, then iat, then nbf)', () => {
    expect(messageOf(timeClaimsFailure({ exp: 1, iat: 500 }, 100, skews))).toBe(
      'Key not authorized: token used before issued',
    );
    expect(messageOf(timeClaimsFailure({ exp: 1, iat: 500, nbf: 500 }, 100, skews))).toBe(
      'Key not authorized: token is not valid yet',
    );
  });
});

describe('identityOf (Tyk getUserIDFromClaim)', () => {
  it('prefers a non-empty named claim, falls back to sub for an absent or non-string one', () => {
    expect(identityOf({ email: 'a@x', sub: 's' }, 'email')).toBe('a@x');
    expect(identityOf({ email: 7, sub: 's' }, 'email')).toBe('s');
    expect(identityOf({ sub: 's' }, '')).toBe('s');
  });

  it('words each missing identity as Tyk does', () => {
    expect(messageOf(identityOf({ email: '' }, 'email'))).toBe(
      'found an empty user ID in predefined base claim, claim: email',
    );
    expect(messageOf(identityOf({ sub: '' }, 'email'))).toBe('found an empty user ID in sub claim');
    expect(messageOf(identityOf({}, ''))).toBe('no suitable claims for user ID were found');
  });
});

describe('policiesOf (Tyk getBasePolicyID and scope mapping)', () => {
  const jwt = { policyField: 'pol', defaultPolicies: ['d1', 'd2'], scopeClaim: 'scope', scopeToPolicy: {} };
  const exists = (id: string) => id !== 'ghost';

  it('reads the policy claim only when the API names one, as a single string', () => {
    expect(policiesOf({ pol: 'p1' }, jwt, exists)).toEqual(['p1']);
    expect(policiesOf({ pol: 'p1' }, { ...jwt, policyField: '' }, exists)).toEqual(['d1', 'd2']);
    expect(policiesOf({ pol: ['p1'] }, jwt, exists)).toEqual(['d1', 'd2']);
    expect(messageOf(policiesOf({ pol: 'ghost' }, jwt, exists))).toBe(
      'key not authorized: no matching policy',
    );
    expect(messageOf(policiesOf({}, { ...jwt, defaultPolicies: [] }, exists))).toBe(
      'key not authorized: no matching policy found',
    );
  });

  it('lets mapped scopes replace the defaults or join the named policy', () => {
    const mapped = { ...jwt, scopeToPolicy: { read: 'reader', write: 'writer' } };
    expect(policiesOf({ scope: 'read write' }, mapped, exists)).toEqual(['reader', 'writer']);
    expect(policiesOf({ pol: 'p1', scope: ['read'] }, mapped, exists)).toEqual(['p1', 'reader']);
    expect(
      policiesOf({ realm: { scope: 'read' } }, { ...mapped, scopeClaim: 'realm.scope' }, exists),
    ).toEqual(['reader']);
    expect(messageOf(policiesOf({ scope: 'admin' }, mapped, exists))).toBe(
      'key not authorized: no matching policy found in scope claim',
    );
  });
});
