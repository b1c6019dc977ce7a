import { z } from 'zod';

import { Mapping } from '../bloblang/mapping';
import { MappingSyntaxError } from '../bloblang/tokens';

const MAX_MAPPING_LENGTH = 16 * 1024;

/** Bento's `mapping` (and its older name `bloblang`): compiled at load, refused with line and column. */
export const mappingProcessor = z
  .string()
  .max(MAX_MAPPING_LENGTH)
  .transform((source, context) => {
    try {
      return new Mapping(source);
    } catch (error) {
      if (!(error instanceof MappingSyntaxError)) throw error;
      context.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
