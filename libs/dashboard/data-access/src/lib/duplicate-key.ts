const DUPLICATE_KEY = 11000;

/**
 * Whether a write failed on a unique index (MongoDB's duplicate-key error): the slug, email or id is
 * taken. Callers answer it with a ConflictError; the index, not a read before the write, decides, so two
 * writes racing for one name cannot both succeed.
 */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DUPLICATE_KEY;
}
