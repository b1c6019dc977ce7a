import { z } from 'zod';

import { FieldIssue, InvalidInputError } from './domain-errors';

/** Turns zod's issues into field paths a client can act on: `tags.2: expected string, received number`. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Validates `input` against `schema`, throwing {@link InvalidInputError} that names every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(toFieldIssues(result.error));
  return result.data;
}
