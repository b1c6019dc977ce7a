/** A JSON object as the editors handle it: Tyk documents carry many fields the forms never name. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text the JSON tab shows for a document. */
export function formatJson(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The JSON tab's text as a document, or why it is not one. */
export function parseJsonObject(text: string): { document: JsonObject } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The JSON is not valid: ${error instanceof Error ? error.message : String(error)}` };
  }
  return isJsonObject(value) ? { document: value } : { error: 'The JSON must be an object ({ … }).' };
}
