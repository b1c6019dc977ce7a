import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import { RE2JS } from 're2js';

/**
 * Schema `pattern`s come from definitions: they run on RE2, never on a backtracking engine. (`code`
 * names the engine in Ajv's standalone output, which the gateway never generates.)
 */
const linearRegExp = Object.assign(
  (source: string, flags: string): { test(input: string): boolean; toString(): string } => {
    const compiled = RE2JS.compile(source);
    // Ajv shares compiled patterns by their toString(): without it every pattern would be the first one.
    return { test: (input) => compiled.matcher(input).find(), toString: () => `/${source}/${flags}` };
  },
  { code: 're2js' },
);

let validators: Ajv04 | undefined;

/** One compiler for the process: JSON Schema draft-04, as Tyk's gojsonschema reads schemas. */
function compiler(): Ajv04 {
  validators ??= new Ajv04({ allErrors: true, strict: false, code: { regExp: linearRegExp } });
  return validators;
}

/** A compiled JSON schema: the problems of a document, worded as Tyk's gojsonschema words them. */
export type JsonValidator = (document: unknown) => string[];

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** gojsonschema's `<field>: <description>` (field `(root)` for the document itself). */
function describe(error: ErrorObject, document: unknown): string {
  const field = error.instancePath === '' ? '(root)' : error.instancePath.slice(1).replaceAll('/', '.');
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${field}: ${String(params['missingProperty'])} is required`;
    case 'type':
      return `${field}: Invalid type. Expected: ${String(params['type'])}, given: ${typeName(valueAt(document, error.instancePath))}`;
    case 'minimum':
      return `${field}: Must be greater than or equal to ${String(params['limit'])}`;
    case 'maximum':
      return `${field}: Must be less than or equal to ${String(params['limit'])}`;
    case 'minLength':
      return `${field}: String length must be greater than or equal to ${String(params['limit'])}`;
    case 'maxLength':
      return `${field}: String length must be less than or equal to ${String(params['limit'])}`;
    case 'pattern':
      return `${field}: Does not match pattern '${String(params['pattern'])}'`;
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return `${field}: ${field} must be one of the following: ${allowed}`;
    }
    case 'additionalProperties':
      return `${field}: Additional property ${String(params['additionalProperty'])} is not allowed`;
    default:
      return `${field}: ${error.message ?? 'is invalid'}`;
  }
}

/** kin-openapi's words for one schema error (openapi3/schema.go), as Tyk's OAS validation reports it. */
function describeKin(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const parts = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/');
  let reason: string;
  switch (error.keyword) {
    case 'required':
      parts.push(String(params['missingProperty']));
      reason = `property "${String(params['missingProperty'])}" is missing`;
      break;
    case 'type': {
      const type = String(params['type']);
      reason = `value must be ${['array', 'object', 'integer'].includes(type) ? 'an' : 'a'} ${type}`;
      break;
    }
    case 'minimum':
      reason = `number must be at least ${String(params['limit'])}`;
      break;
    case 'maximum':
      reason = `number must be at most ${String(params['limit'])}`;
      break;
    case 'minLength':
      reason = `minimum string length is ${String(params['limit'])}`;
      break;
    case 'maxLength':
      reason = `maximum string length is ${String(params['limit'])}`;
      break;
    case 'pattern':
      reason = `string doesn't match the regular expression "${String(params['pattern'])}"`;
      break;
    case 'enum':
      reason = `value is not one of the allowed values ${JSON.stringify(params['allowedValues'])}`;
      break;
    case 'additionalProperties':
      reason = `property "${String(params['additionalProperty'])}" is unsupported`;
      break;
    default:
      reason = error.message ?? 'is invalid';
  }
  return parts.length > 0 ? `Error at "/${parts.join('/')}": ${reason}` : reason;
}

/** How failures are worded: Tyk's classic validate_json (gojsonschema) or its OAS validateRequest (kin-openapi). */
export type ValidationWording = 'gojsonschema' | 'kin-openapi';

/**
 * Compiles a schema once, at load (throws for a schema the compiler refuses, so the API is refused).
 * gojsonschema wording lists every problem; kin-openapi wording gives the first, as Tyk reports them.
 */
export function compileJsonValidator(
  schema: unknown,
  wording: ValidationWording = 'gojsonschema',
): JsonValidator {
  const validate: ValidateFunction = compiler().compile(schema as object);
  return (document) => {
    if (validate(document)) return [];
    const errors = validate.errors ?? [];
    if (wording === 'kin-openapi') return errors.length > 0 ? [describeKin(errors[0])] : ['value is invalid'];
    return errors.map((error) => describe(error, document)).sort((a, b) => a.localeCompare(b));
  };
}
