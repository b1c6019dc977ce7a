import { z } from 'zod';

import { durationMs } from '../bento-fields';

/** Bento's `backoff` block of outputs that retry. */
export const backoff = z
  .strictObject({
    initial_interval: durationMs('3s'),
    max_interval: durationMs('10s'),
    max_elapsed_time: durationMs('30s'),
  })
  .prefault({});
