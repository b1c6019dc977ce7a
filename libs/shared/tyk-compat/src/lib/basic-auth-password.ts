import bcrypt from 'bcryptjs';

/** bcrypt's work factor for stored basic-auth passwords: Tyk's default cost. */
const BCRYPT_COST = 10;

type Session = Record<string, unknown>;

/**
 * A Tyk session whose basic-auth password arrived in clear (`hash_type: ""`, as Tyk exports and accepts
 * it) with the password bcrypt-hashed instead, so no store ever holds it readable. Other sessions, and
 * passwords already hashed, are returned unchanged.
 */
export async function withHashedBasicAuthPassword<T extends Session>(session: T): Promise<T> {
  const data = session['basic_auth_data'];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return session;
  const { password, hash_type: hashType } = data as { password?: unknown; hash_type?: unknown };
  if (typeof password !== 'string' || password === '' || (hashType ?? '') !== '') return session;
  return {
    ...session,
    basic_auth_data: { ...data, password: await bcrypt.hash(password, BCRYPT_COST), hash_type: 'bcrypt' },
  };
}
