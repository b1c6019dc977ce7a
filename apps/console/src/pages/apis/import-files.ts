import { isJsonObject, type JsonObject } from '../../ui/json-editor/json-document';

export type DefinitionKind = 'classic' | 'oas';

/** A file read for import: the body to send (one definition or many), or why it cannot be sent. */
export type ParsedImport =
  | { ok: true; body: JsonObject | JsonObject[]; definitions: { kind: DefinitionKind; name: string }[] }
  | { ok: false; error: string };

function kindOf(value: JsonObject): DefinitionKind | undefined {
  if (isJsonObject(value['x-tyk-api-gateway'])) return 'oas';
  if (typeof value['openapi'] === 'string') return undefined;
  if ('api_id' in value || 'proxy' in value) return 'classic';
  return undefined;
}

function nameOf(value: JsonObject, kind: DefinitionKind): string {
  if (kind === 'oas') {
    const tyk = value['x-tyk-api-gateway'] as JsonObject;
    const info = isJsonObject(tyk['info']) ? tyk['info'] : {};
    const title = isJsonObject(value['info']) ? value['info']['title'] : undefined;
    return String(info['name'] ?? title ?? '(unnamed)');
  }
  return String(value['name'] ?? value['api_id'] ?? '(unnamed)');
}

/** Why an item is not a Tyk definition, in words a user can act on. */
function notADefinition(value: unknown, where: string): string {
  if (!isJsonObject(value)) return `${where} is not a JSON object`;
  if (typeof value['openapi'] === 'string') {
    return `${where} is a plain OpenAPI document: a Tyk OAS definition also needs "x-tyk-api-gateway"`;
  }
  return `${where} is neither a Tyk classic definition (api_id, proxy) nor a Tyk OAS one (x-tyk-api-gateway)`;
}

/** Tyk Dashboard exports wrap definitions as `{ "apis": [{ "api_definition": {…} }] }`: unwrap them. */
function unwrapDashboardExport(value: unknown): unknown {
  if (!isJsonObject(value) || !Array.isArray(value['apis'])) return value;
  return value['apis'].map((entry: unknown) =>
    isJsonObject(entry) && isJsonObject(entry['api_definition']) ? entry['api_definition'] : entry,
  );
}

/**
 * Reads one file for `POST /apis/import`, which takes one Tyk definition (classic or OAS) or an array of
 * them. Each file becomes one request, so one bad file does not stop the others.
 */
export function parseImportFile(text: string): ParsedImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  value = unwrapDashboardExport(value);
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return { ok: false, error: 'the file holds an empty list' };
  const definitions: { kind: DefinitionKind; name: string }[] = [];
  for (const [index, item] of items.entries()) {
    const kind = isJsonObject(item) ? kindOf(item) : undefined;
    if (!kind || !isJsonObject(item)) {
      return { ok: false, error: notADefinition(item, Array.isArray(value) ? `item ${index}` : 'the file') };
    }
    definitions.push({ kind, name: nameOf(item, kind) });
  }
  return {
    ok: true,
    body: Array.isArray(value) ? (items as JsonObject[]) : (value as JsonObject),
    definitions,
  };
}
