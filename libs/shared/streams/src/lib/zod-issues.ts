import type { z } from 'zod';

/** A problem at a path inside the value being parsed. */
export interface PathIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Zod's issues as one per field: an object with unknown fields gives one issue per field, at that
 * field's own path, so the message names it (`...input.kafka.adresses: unknown field`).
 */
export function pathIssues(issues: readonly z.core.$ZodIssue[]): PathIssue[] {
  return issues.flatMap((issue): PathIssue[] => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown field' }));
    // A record's bad key: zod nests the key's own problems; say those, not "Invalid key in record".
    if (issue.code === 'invalid_key' && issue.issues.length > 0)
      return [{ path, message: issue.issues.map((inner) => inner.message).join('; ') }];
    return [{ path, message: issue.message }];
  });
}
