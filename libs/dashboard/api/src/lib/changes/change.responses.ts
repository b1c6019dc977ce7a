import { z } from 'zod';

import { named } from '../http/response-names';

export const changeSchema = named(
  'Change',
  z.object({
    kind: z.enum(['api', 'policy', 'key']),
    id: z.string(),
    rev: z.number().int(),
    deleted: z.boolean(),
  }),
);
