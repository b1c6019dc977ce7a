import { FieldIssue, InvalidInputError } from '@gatehouse/shared-model';

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

/** Refuses a document the database would refuse, naming the field, before anything is written. */
export function assertStorableDocument(document: unknown): void {
  const issues: FieldIssue[] = [];
  collect(document, '', issues);
  if (issues.length > 0) throw new InvalidInputError(issues);
}
