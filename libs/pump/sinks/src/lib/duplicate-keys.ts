const DUPLICATE_KEY = 11000;

/** True when an unordered insert failed only on documents that were already there (written before). */
export function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code: number }[] | { code: number } }).writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.length > 0 && list.every((writeError) => writeError.code === DUPLICATE_KEY);
}
