import type { ContextRef, TemplatePart } from './bloblang/ast';
import { contextRefProblem, hasPlaceholder, splitTemplate } from './bloblang/context-refs';
import type { ContextValues } from './bloblang/mapping';
import type { LeafOutputSpec } from './component-registry';

/** An output field whose value comes from the publisher's request: `key`, `topic`, `headers.<name>`. */
export interface FieldTemplate {
  field: string;
  parts: TemplatePart[];
}

/** The templated fields of one output (by its index in the stream's outputs). */
export interface OutputTemplates {
  output: number;
  fields: FieldTemplate[];
}

type Report = (path: (string | number)[], message: string) => void;

/**
 * Where a placeholder may stand in an output: values that say where or how a message goes, never where
 * the gateway connects (a URL or broker address from a request would let a caller aim the gateway).
 */
function templatedFields(output: LeafOutputSpec): [string, string][] {
  switch (output.type) {
    case 'kafka':
      return [['key', output.config.key]];
    case 'mqtt':
      return [['topic', output.config.topic]];
    case 'http_client':
      return Object.entries(output.config.headers).map(([name, value]) => [`headers.${name}`, value]);
    default:
      return [];
  }
}

/**
 * Finds the placeholders of an output's fields: allowed in the fields above when the stream has a
 * publisher (an `http_server` input) whose request they are resolved from; refused anywhere else.
 */
export function outputTemplates(
  output: LeafOutputSpec,
  index: number,
  hasPublisher: boolean,
  at: (string | number)[],
  report: Report,
): OutputTemplates | undefined {
  const allowed = new Set<string>();
  const fields: FieldTemplate[] = [];
  for (const [field, value] of templatedFields(output)) {
    allowed.add(field);
    if (!hasPlaceholder(value)) continue;
    const path = [...at, ...field.split(/\.(.*)/s).filter(Boolean)];
    if (!hasPublisher) {
      report(
        path,
        "a placeholder in an output field is resolved from the publisher's request: it needs an http_server input",
      );
      continue;
    }
    const parts = splitTemplate(value);
    const problem = parts
      .filter((part): part is ContextRef => typeof part !== 'string')
      .map(contextRefProblem)
      .find(Boolean);
    if (problem) report(path, problem);
    else fields.push({ field, parts });
  }
  refuseOthers(output.config, at, (field) => allowed.has(field), report);
  return fields.length > 0 ? { output: index, fields } : undefined;
}

function refuseOthers(
  value: unknown,
  at: (string | number)[],
  allowed: (field: string) => boolean,
  report: Report,
  field = '',
): void {
  if (typeof value === 'string' && hasPlaceholder(value) && !allowed(field))
    report(
      at,
      "$tyk_context and $tyk_meta are resolved in processors, and in an output's key, topic or headers only",
    );
  else if (value !== null && typeof value === 'object' && !(field && allowed(field)))
    for (const [key, item] of Object.entries(value))
      refuseOthers(item, [...at, key], allowed, report, field ? `${field}.${key}` : key);
}

/** Refuses placeholders anywhere in a component (inputs: there is no request to resolve them from). */
export function refusePlaceholders(value: unknown, at: (string | number)[], report: Report): void {
  refuseOthers(value, at, () => false, report);
}

/** The meta key a resolved output field travels under, from the publisher's gateway to the output's. */
export function templateMetaKey(output: number, field: string): string {
  return `gatehouse_output_${output}_${field}`;
}

const UNSAFE_VALUE = /[\r\n\0]/;

/**
 * Resolves each template with the publisher's context into the message's meta; a value that could
 * break the protocol it is written into (a line break in a header, a wildcard in an MQTT topic) refuses
 * the message, naming the field.
 */
export function resolveTemplates(
  templates: readonly OutputTemplates[],
  context: ContextValues | undefined,
  meta: Record<string, string>,
): string | undefined {
  for (const { output, fields } of templates)
    for (const { field, parts } of fields) {
      const value = parts
        .map((part) => (typeof part === 'string' ? part : (context?.resolve(part) ?? '')))
        .join('');
      if (UNSAFE_VALUE.test(value) || (field === 'topic' && (/[+#]/.test(value) || value === '')))
        return `the request gave ${field} a value it cannot take`;
      meta[templateMetaKey(output, field)] = value;
    }
  return undefined;
}

/** The resolved fields of output `index` in a message's meta, by field name. */
export function resolvedFields(meta: Record<string, string>, index: number): Record<string, string> {
  const prefix = templateMetaKey(index, '');
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(meta))
    if (key.startsWith(prefix)) fields[key.slice(prefix.length)] = value;
  return fields;
}
