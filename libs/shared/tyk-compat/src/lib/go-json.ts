import { z } from 'zod';

/**
 * Go marshals nil slices and maps as `null`, so documents written by Tyk carry `"tags": null` and the
 * like. These helpers accept null/absent and hand our code an empty value instead.
 */
export function goSlice<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);
}

export function goMap<T extends z.ZodType>(value: T) {
  return z
    .record(z.string(), value)
    .nullish()
    .transform((entries) => entries ?? {});
}

/** Go's float64/int64 fields: numbers, defaulting to 0 when absent or null. */
export const goNumber = z
  .number()
  .nullish()
  .transform((value) => value ?? 0);

export const goBool = z
  .boolean()
  .nullish()
  .transform((value) => value ?? false);

export const goString = z
  .string()
  .nullish()
  .transform((value) => value ?? '');
