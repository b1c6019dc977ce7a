export {
  breakdown,
  breakdownQuerySchema,
  requestSeries,
  requestSeriesQuerySchema,
  type TrafficSummary,
} from './lib/analytics-queries';
export {
  acceptInviteSchema,
  auditQuery,
  changesQuerySchema,
  createOrgSchema,
  createTokenSchema,
  inviteUserSchema,
  type Login,
  loginSchema,
  pageSchema,
  updateUserSchema,
} from './lib/dashboard-schemas';
export { keepMaskedSecrets, MASKED_SECRET, maskDefinitionSecrets } from './lib/definition-secrets';
export { type PasswordHasher, scryptPasswordHasher } from './lib/passwords';
export { allows, type Resource, type Role, ROLES, type Verb } from './lib/roles';
export { assertStorableDocument } from './lib/storable-document';
