import type { ReactNode } from 'react';

import { can, type Verb } from './permissions';
import { useMe } from './use-me';

/** Renders its children only when the user's role allows `verb` on `resource`. */
export function Can({ resource, verb, children }: { resource: string; verb: Verb; children: ReactNode }) {
  const { data: me } = useMe();
  return can(me, resource, verb) ? children : null;
}
