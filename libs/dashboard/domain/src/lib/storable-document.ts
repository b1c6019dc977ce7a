import { DocumentLimits, documentLimitIssues, FieldIssue, InvalidInputError } from '@gatehouse/shared-kernel';

/** Field names MongoDB cannot store as given: operators (`$…`) and dotted paths. */
function unstorable(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key.includes('\u0000');
}

function collect(value: unknown, path: string, issues: FieldIssue[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const itemPath = path ? `${path}.${index}` : String(index);
      // FerretDB, the MongoDB-compatible server we support, refuses arrays directly inside arrays.
      if (Array.isArray(item))
        issues.push({ path: itemPath, message: 'arrays directly inside arrays cannot be stored' });
      else collect(item, itemPath, issues);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (unstorable(key))
      issues.push({ path: childPath, message: 'field names may not start with $ or contain dots' });
    else collect(child, childPath, issues);
  }
}

/**
 * Refuses a document the database would refuse, naming the field, before anything is written. With
 * `limits`, also one past the size and shape limits of its kind (see `documentLimits`), so no tenant
 * can store a document that costs the shared database out of proportion; `prefix` is prepended to the
 * paths named (the document's place in an import).
 */
export function assertStorableDocument(document: unknown, limits?: DocumentLimits, prefix = ''): void {
  // Limits first: their walk stops early, so a huge document is refused without a full walk.
  const issues: FieldIssue[] = limits ? documentLimitIssues(document, limits, prefix) : [];
  if (issues.length === 0) collect(document, prefix, issues);
  if (issues.length > 0) throw new InvalidInputError(issues);
}
