import { constants, createHmac, createPublicKey, KeyObject, timingSafeEqual, verify } from 'node:crypto';

export interface DecodedJwt {
  header: { alg?: unknown; kid?: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a compact JWS; undefined when it is not three base64url parts with JSON header and payload. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]*$/.test(parts.join(''))) return undefined;
  const header = decodePart(parts[0]);
  const payload = decodePart(parts[1]);
  if (!header || !payload) return undefined;
  return {
    header,
    payload,
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

const FAMILIES: Record<string, string[]> = {
  hmac: ['HS256', 'HS384', 'HS512'],
  rsa: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  ecdsa: ['ES256', 'ES384', 'ES512'],
};

/** Every algorithm a JWT library knows by name, `none` included: naming one outside the API's family is Tyk's "Unexpected signing method". */
const KNOWN_ALGORITHMS = new Set([...Object.values(FAMILIES).flat(), 'none', 'EdDSA']);

export type AlgorithmCheck = 'allowed' | 'unexpected' | 'unknown';

/** Whether `alg` belongs to the API's signing method (never `none`, never a family switch). */
export function checkAlgorithm(method: string, alg: unknown): AlgorithmCheck {
  if (typeof alg !== 'string' || !KNOWN_ALGORITHMS.has(alg)) return 'unknown';
  return (FAMILIES[method] ?? []).includes(alg) ? 'allowed' : 'unexpected';
}

function digestOf(alg: string): string {
  return `sha${alg.slice(2)}`;
}

export function verifyJwt(decoded: DecodedJwt, alg: string, key: Buffer | KeyObject): boolean {
  const data = Buffer.from(decoded.signingInput);
  if (alg.startsWith('HS')) {
    if (!Buffer.isBuffer(key)) return false;
    const expected = createHmac(digestOf(alg), key).update(data).digest();
    return expected.length === decoded.signature.length && timingSafeEqual(expected, decoded.signature);
  }
  if (Buffer.isBuffer(key)) return false;
  const options = alg.startsWith('ES')
    ? { key, dsaEncoding: 'ieee-p1363' as const }
    : alg.startsWith('PS')
      ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : key;
  try {
    return verify(digestOf(alg), data, options, decoded.signature);
  } catch {
    return false;
  }
}

export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}
