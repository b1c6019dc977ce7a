import { z } from 'zod';

import { SINK_TYPE_NAMES, SINK_TYPES } from './sink-registry';

/** Tyk pump's per-pump `filters`: empty lists mean "no restriction". */
const filtersSchema = z
  .strictObject({
    org_ids: z.array(z.string()).default([]),
    api_ids: z.array(z.string()).default([]),
    response_codes: z.array(z.number().int()).default([]),
    skip_org_ids: z.array(z.string()).default([]),
    skip_api_ids: z.array(z.string()).default([]),
    skip_response_codes: z.array(z.number().int()).default([]),
  })
  .prefault({});

/**
 * One entry of `pumps`, in Tyk pump's shape: type, meta (the sink's own settings, validated by its type
 * so a typo stops the pump at boot), filters, options. Unknown keys are refused, by name.
 */
export const sinkConfigSchema = z
  .strictObject({
    type: z.enum(SINK_TYPE_NAMES),
    meta: z.record(z.string(), z.unknown()).default({}),
    filters: filtersSchema,
    omit_detailed_recording: z.boolean().default(false),
    max_record_size: z.number().int().min(0).default(0),
    /** Seconds a write may take. */
    timeout: z.number().min(0.1).max(300).default(10),
  })
  .superRefine((sink, context) => {
    const parsed = SINK_TYPES[sink.type].meta.safeParse(sink.meta);
    if (parsed.success) return;
    for (const issue of parsed.error.issues)
      context.addIssue({ code: 'custom', path: ['meta', ...issue.path.map(String)], message: issue.message });
  });

export type SinkConfig = z.output<typeof sinkConfigSchema>;

/** Tyk pump's `pumps`: the sinks by name. */
export const pumpsSchema = z
  .record(z.string().regex(/^[a-z0-9_-]{1,40}$/), sinkConfigSchema)
  .default({})
  .refine(
    (pumps) => Object.values(pumps).filter((sink) => sink.type === 'prometheus').length <= 1,
    "at most one prometheus sink: its metrics go on the pump's own registry",
  );
