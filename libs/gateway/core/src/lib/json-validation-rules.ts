import { compileLinearRegex, LinearRegex } from '@gatehouse/shared-kernel';
import type { VersionInfo } from '@gatehouse/shared-tyk-compat';

import { compileJsonValidator, JsonValidator } from './json-validation';
import { PathRule, pathRule } from './path-rule';

/** Tyk's validate_json entry: the body must be JSON satisfying the schema. */
export interface JsonValidationRule extends PathRule {
  /** The body's schema; absent for an OAS operation that only has parameters to check. */
  validate?: JsonValidator;
  parameters: ParameterRule[];
  /** For an OAS operation with path parameters: its path with one capture group per `{name}`. */
  pathParameters?: { names: string[]; pattern: LinearRegex };
  /** Tyk's error_response_code, 422 when unset. */
  errorStatus: number;
  /** Set for an OAS operation's validateRequest, whose every failure Tyk words after this prefix. */
  oasPrefix?: string;
  /** The `$ref` of an OAS body schema, quoted in kin-openapi's "doesn't match schema" line. */
  schemaRef: string;
}

/** An OAS operation parameter checked as Tyk's validateRequest does (kin-openapi). */
export interface ParameterRule {
  name: string;
  in: 'query' | 'header' | 'path';
  required: boolean;
  /** The schema's type, which the raw text must read as first. */
  type: string;
  validate: JsonValidator;
}

function parameterRules(parameters: VersionInfo['extended_paths']['validate_json'][number]['parameters']) {
  return parameters.map((parameter): ParameterRule => {
    const schema = (parameter.schema ?? {}) as Record<string, unknown>;
    return {
      name: parameter.name,
      in: parameter.in,
      required: parameter.required,
      type: typeof schema['type'] === 'string' ? schema['type'] : 'string',
      validate: compileJsonValidator(schema, 'kin-openapi'),
    };
  });
}

/** `/orders/{id}` as `^/orders/([^/]+)/?$` with its parameter names, to read the values a path holds. */
function pathParameterPattern(path: string): { names: string[]; pattern: LinearRegex } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { names, pattern: compileLinearRegex(`^${source}/?$`) };
}

/** validate_json entries with a method (an empty one never matches in Tyk), schemas compiled now. */
export function jsonValidations(
  entries: VersionInfo['extended_paths']['validate_json'],
): JsonValidationRule[] {
  return entries
    .filter((entry) => !entry.disabled && entry.method !== '')
    .map((entry) => {
      const schema =
        entry.schema ??
        (entry.schema_b64 ? JSON.parse(Buffer.from(entry.schema_b64, 'base64').toString('utf8')) : undefined);
      const hasSchema = schema !== undefined && schema !== null && typeof schema === 'object';
      if (!hasSchema && !entry.oas_request) {
        throw new Error(`validate_json ${entry.path}: a JSON schema object is required`);
      }
      return {
        ...pathRule(entry.path, entry.method),
        validate: hasSchema
          ? compileJsonValidator(schema, entry.oas_request ? 'kin-openapi' : 'gojsonschema')
          : undefined,
        errorStatus: entry.error_response_code || 422,
        oasPrefix: entry.oas_request ? 'request validation error: ' : undefined,
        schemaRef: entry.schema_ref,
        parameters: parameterRules(entry.parameters),
        pathParameters: entry.parameters.some((parameter) => parameter.in === 'path')
          ? pathParameterPattern(entry.path)
          : undefined,
      };
    });
}
