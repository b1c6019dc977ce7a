export * from './lib/api-spec';
export * from './lib/ip-list';
export * from './lib/path-rule';
export * from './lib/registry';
export * from './lib/request-context';
export * from './lib/gcra';
export * from './lib/stage';
export * from './lib/tyk-errors';
export type {
  CircuitBreakerRule,
  HeaderRule,
  ListRule,
  Reply,
  ValueRule,
  VersionSpec,
} from './lib/version-spec';
export type { BodyTransformRule, CacheRule, EndpointRateLimit } from './lib/endpoint-rules';
export type { JsonValidationRule, ParameterRule } from './lib/json-validation-rules';
export type { CompiledTrigger, RewriteRule, TriggerOption } from './lib/url-rewrite-rule';
export { hasExpired, rfc1123 } from './lib/expiry';
export * from './lib/bounded-queue';
export * from './lib/response-headers';
export * from './lib/tyk-variables';
export * from './lib/definition-ports';
export * from './lib/limits';
export * from './lib/canonical-path';
export * from './lib/failure-counter';
export { AUTH_METHODS } from './lib/auth-spec';
export type { AuthMethod, AuthSpec, JwtAuthSpec, JwtKeySource, TokenAuthSpec } from './lib/auth-spec';
export * from './lib/oauth-spec';
export { GoTemplate, TemplateExecError, TemplateSyntaxError } from './lib/go-template/go-template';
export * from './lib/body-transform';
export type { JsonValidator, ValidationWording } from './lib/json-validation';
