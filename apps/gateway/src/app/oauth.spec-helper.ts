import { protectedApi } from './gateway.spec-helper';

/** What the OAuth integration specs share: an OAuth API, its policies, HTTP Basic client credentials. */
export const ORG = 'acme';
const GRANTS = ['client_credentials', 'refresh_token', 'password', 'authorization_code'];
export const oauthApi = (upstream: string) =>
  protectedApi('oauth', '/oauth-api/', upstream, {
    use_oauth2: true,
    oauth_meta: { allowed_access_types: GRANTS },
  });
export const POLICIES = [
  { id: 'oauth-pol', org_id: ORG, rate: 3, per: 60, access_rights: { oauth: { api_id: 'oauth' } } },
  { id: 'roomy', org_id: ORG, rate: 1000, per: 1, access_rights: { oauth: { api_id: 'oauth' } } },
];
export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
