import * as z from 'zod/mini';

import type { components } from '../../api/generated/dashboard-api';

type GroupBody = components['schemas']['GatewayGroupscreateBody'];
type GatewayGroup = components['schemas']['GatewayGroup'];

/** The group form: the API's rules for a gateway group, checked before sending (the API checks again). */
export const groupFormSchema = z.object({
  groupId: z
    .string()
    .check(
      z.minLength(1, 'Enter an id'),
      z.maxLength(64, 'At most 64 characters'),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Start with a letter or digit; then letters, digits, . _ -'),
    ),
  name: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(200, 'At most 200 characters')),
  region: z
    .string()
    .check(z.trim(), z.minLength(1, 'Enter a region'), z.maxLength(64, 'At most 64 characters')),
  /** Comma-separated, as people type them. */
  tags: z
    .string()
    .check(
      z.refine(
        (value) => splitTags(value).every((tag) => tag.length <= 64),
        'Each tag has at most 64 characters',
      ),
    ),
});

export type GroupForm = z.infer<typeof groupFormSchema>;

export function splitTags(value: string): string[] {
  return [...new Set(value.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');
}

export function groupToForm(group?: GatewayGroup): GroupForm {
  return group
    ? { groupId: group.groupId, name: group.name, region: group.region, tags: group.tags.join(', ') }
    : { groupId: '', name: '', region: '', tags: '' };
}

/** The body of `POST /gateway-groups` (and of `PUT /gateway-groups/{id}`, which takes the same). */
export function groupToBody(form: GroupForm): GroupBody {
  return {
    groupId: form.groupId,
    name: form.name.trim(),
    region: form.region.trim(),
    tags: splitTags(form.tags),
  };
}
