export {
  breakdown,
  breakdownQuerySchema,
  requestSeries,
  requestSeriesQuerySchema,
  type TrafficSummary,
} from './lib/analytics-queries';
export {
  acceptInviteSchema,
  apiListQuerySchema,
  type ApiListQuery,
  auditQuery,
  changesQuerySchema,
  createOrgSchema,
  createTokenSchema,
  inviteUserSchema,
  type Login,
  loginSchema,
  pageSchema,
  policyListQuerySchema,
  type PolicyListQuery,
  updateUserSchema,
} from './lib/dashboard-schemas';
export { keepMaskedSecrets, MASKED_SECRET, maskDefinitionSecrets } from './lib/definition-secrets';
export { type PasswordHasher, scryptPasswordHasher } from './lib/passwords';
export { literalPattern } from './lib/literal-pattern';
export { allows, permissionsOf, type Resource, type Role, ROLES, type Verb } from './lib/roles';
export { assertStorableDocument } from './lib/storable-document';
