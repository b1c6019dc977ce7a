import { MASKED_SECRET } from '@gatehouse/dashboard-domain';
import { stackService } from '@gatehouse/shared-testing';
import bcrypt from 'bcryptjs';
import { MongoClient } from 'mongodb';

import { startTestDashboard, TestDashboard } from './test-dashboard.spec-helper';

const JWT_SECRET = Buffer.from('hmac-jwt-signing-secret').toString('base64');

const jwtApi = {
  api_id: 'jwt-api',
  name: 'jwt',
  enable_jwt: true,
  jwt_signing_method: 'hmac',
  jwt_source: JWT_SECRET,
  proxy: { listen_path: '/jwt/', target_url: 'http://user:upstream-pass@upstream.example' },
  upstream_auth: { basic_auth: { enabled: true, username: 'u', password: 'upstream-basic-pass' } },
};

/**
 * What a reader of the dashboard can learn: the attack review read key hashes and the JWT secret as a
 * viewer, and found basic-auth passwords stored in clear. Each test below fails on that code.
 */
describe('dashboard secrets (real MongoDB-compatible server, real Redis)', () => {
  let sut: TestDashboard;
  let owner: string;
  let viewer: string;
  let editor: string;

  async function member(role: string): Promise<string> {
    const invited = await sut.call<{ invitation: string }>('POST', '/users', owner, {
      email: `${role}@secrets.example`,
      name: role,
      role,
    });
    const accepted = await sut.call<{ token: string }>('POST', '/auth/accept-invitation', undefined, {
      invitation: invited.body.invitation,
      password: 'member password 1',
    });
    return accepted.body.token;
  }

  beforeAll(async () => {
    sut = await startTestDashboard('secrets');
    owner = (await sut.createOrg('secrets')).token;
    viewer = await member('viewer');
    editor = await member('api-editor');
    expect((await sut.call('POST', '/apis', owner, jwtApi)).status).toBe(201);
    await sut.call('POST', '/policies', owner, {
      id: 'p',
      access_rights: { 'jwt-api': { api_id: 'jwt-api' } },
    });
  });

  afterAll(async () => sut?.close());

  describe('key hashes', () => {
    let created: { key: string; key_hash: string; ref: string };

    beforeAll(async () => {
      created = (await sut.call<typeof created>('POST', '/keys', owner, { apply_policies: ['p'] })).body;
    });

    it('stores a key under a 64-digit keyed hash, not an unkeyed Tyk hash', () => {
      expect(created.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(created.ref).toMatch(/^[0-9a-f]{16}$/);
    });

    it('never shows a viewer a key hash: not in the list, the key, the change log or by asking for it', async () => {
      const seen = await Promise.all([
        sut.call('GET', '/keys', viewer),
        sut.call('GET', `/keys/${created.ref}`, viewer),
        sut.call('GET', '/changes?after=0', viewer),
      ]);
      for (const answer of seen) {
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.body)).not.toContain(created.key_hash);
      }
      expect(JSON.stringify(seen[0].body)).toContain(created.ref);
      expect((await sut.call('GET', `/keys/${created.key_hash}`, viewer)).status).toBe(403);
    });

    it('shows key managers the hash, and keeps the reference (not the hash) in the audit trail', async () => {
      const answer = await sut.call<{ id: string; ref: string }>('GET', `/keys/${created.ref}`, owner);
      expect(answer.body).toMatchObject({ id: created.key_hash, ref: created.ref });
      const audit = await sut.call('GET', '/audit?limit=500', owner);
      expect(JSON.stringify(audit.body)).toContain(created.ref);
      expect(JSON.stringify(audit.body)).not.toContain(created.key_hash);
    });

    it('finds a key by the request that created it, so a client whose answer was lost can revoke it', async () => {
      const response = await fetch(`${sut.url}/api/v1/keys`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${owner}`,
          'content-type': 'application/json',
          'x-request-id': 'lost-answer-1',
        },
        body: JSON.stringify({ apply_policies: ['p'] }),
      });
      const lost = (await response.json()) as { key_hash: string };
      const found = await sut.call<{ id: string }[]>('GET', '/keys?request_id=lost-answer-1', owner);
      expect(found.body.map((key) => key.id)).toEqual([lost.key_hash]);
    });

    it('refuses to import 32-bit (murmur32) key ids', async () => {
      const answer = await sut.call('POST', '/keys/import', owner, [
        { key_hash: 'a2639d3d', session: { apply_policies: ['p'] } },
      ]);
      expect(answer.status).toBe(400);
    });
  });

  it('stores basic-auth passwords hashed, even when imported in clear (hash_type "")', async () => {
    const imported = await sut.call<{ ref: string }[]>('POST', '/keys/import', owner, [
      {
        key: 'basic-user-key',
        session: { apply_policies: ['p'], basic_auth_data: { password: 'clear-pass', hash_type: '' } },
      },
    ]);
    // What MongoDB holds, and what every bridge hands to the regions.
    const client = await MongoClient.connect(stackService('mongo'));
    try {
      const stored = await client
        .db(sut.database)
        .collection('keys')
        .findOne({ 'fields.ref': imported.body[0].ref });
      const data = (stored?.['document'] as { basic_auth_data: { password: string; hash_type: string } })
        .basic_auth_data;
      expect(data.hash_type).toBe('bcrypt');
      expect(await bcrypt.compare('clear-pass', data.password)).toBe(true);
    } finally {
      await client.close();
    }
    const audit = await sut.call('GET', '/audit?limit=500', owner);
    expect(JSON.stringify(audit.body)).not.toContain('clear-pass');
  });

  it("keeps a key's secrets when the masked session is written back (deactivating it from the console)", async () => {
    const created = await sut.call<{ key_hash: string; ref: string }>('POST', '/keys', owner, {
      apply_policies: ['p'],
      hmac_enabled: true,
      hmac_string: 'hmac-secret-kept',
      basic_auth_data: { password: 'basic-secret-kept', hash_type: '' },
    });
    const read = await sut.call<{ document: Record<string, unknown> }>(
      'GET',
      `/keys/${created.body.ref}`,
      owner,
    );
    expect(read.body.document['hmac_string']).toBe('[redacted]');
    const written = await sut.call('PUT', `/keys/${created.body.ref}`, owner, {
      ...read.body.document,
      is_inactive: true,
    });
    expect(written.status).toBe(200);
    const client = await MongoClient.connect(stackService('mongo'));
    try {
      const stored = await client
        .db(sut.database)
        .collection('keys')
        .findOne({ 'fields.ref': created.body.ref });
      const document = stored?.['document'] as Record<string, unknown> & {
        basic_auth_data: { password: string };
      };
      expect(document).toMatchObject({ is_inactive: true, hmac_string: 'hmac-secret-kept' });
      expect(await bcrypt.compare('basic-secret-kept', document.basic_auth_data.password)).toBe(true);
    } finally {
      await client.close();
    }
  });

  describe('secrets inside API definitions', () => {
    it('masks the JWT secret and upstream credentials for a viewer, in the API and its export', async () => {
      for (const path of ['/apis/jwt-api', '/apis', '/apis/jwt-api/export']) {
        const text = JSON.stringify((await sut.call('GET', path, viewer)).body);
        expect(text).not.toContain(JWT_SECRET);
        expect(text).not.toContain('upstream-pass');
        expect(text).not.toContain('upstream-basic-pass');
        expect(text).toContain(MASKED_SECRET);
      }
    });

    it('shows them to an api-editor, and keeps them when a masked definition is written back', async () => {
      const masked = await sut.call<{ document: Record<string, unknown> }>('GET', '/apis/jwt-api', viewer);
      const written = await sut.call('PUT', '/apis/jwt-api', editor, {
        ...masked.body.document,
        name: 'renamed',
      });
      expect(written.status).toBe(200);
      const clear = await sut.call<{ document: Record<string, unknown> }>('GET', '/apis/jwt-api', editor);
      expect(clear.body.document).toMatchObject({ name: 'renamed', jwt_source: JWT_SECRET });
      expect(JSON.stringify(clear.body.document)).toContain('upstream-basic-pass');
    });

    it('never stores them in the audit trail', async () => {
      const text = JSON.stringify((await sut.call('GET', '/audit?limit=500', owner)).body);
      expect(text).not.toContain(JWT_SECRET);
      expect(text).not.toContain('upstream-pass');
      expect(text).not.toContain('upstream-basic-pass');
    });
  });
});
