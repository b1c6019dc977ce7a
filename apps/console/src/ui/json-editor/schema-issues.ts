import { Validator, type Schema } from '@cfworker/json-schema';

/** One thing the schema rejects, located by JSON pointer (`/proxy/listen_path`). */
export interface SchemaIssue {
  pointer: string;
  message: string;
}

/** Keywords that only say "something below failed"; the failure below is what the user can fix. */
const SUMMARY_KEYWORDS = new Set([
  '$ref',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'allOf',
  'oneOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/** A validator for one component schema of an OpenAPI 3.1 document (its `$ref`s resolve inside the document). */
export function componentValidator(document: { components?: unknown }, name: string): Validator {
  const root = { $ref: `#/components/schemas/${name}`, components: document.components } as Schema;
  return new Validator(root, '2020-12', false);
}

/**
 * What the schema rejects, most specific first: the summaries cfworker reports on the way down are dropped,
 * and so is a type error where another error explains the place better (`anyOf: [object, null]` reports
 * "expected null" for an object whose field is wrong; the wrong field is the useful part).
 */
export function schemaIssues(validator: Validator, value: unknown): SchemaIssue[] {
  const result = validator.validate(value);
  if (result.valid) return [];
  const located = result.errors
    .filter((error) => !SUMMARY_KEYWORDS.has(error.keyword))
    .map((error) => ({
      keyword: error.keyword,
      pointer: error.instanceLocation.replace(/^#/, ''),
      message: error.error,
    }));
  const specific = located.filter(
    (issue) =>
      issue.keyword !== 'type' ||
      !located.some(
        (other) =>
          other.pointer.startsWith(`${issue.pointer}/`) ||
          (other.pointer === issue.pointer && other.keyword !== 'type'),
      ),
  );
  const seen = new Set<string>();
  return specific
    .map(({ pointer, message }) => ({ pointer, message }))
    .filter((issue) => {
      const key = `${issue.pointer} ${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
