import type { ReactNode } from 'react';

import { can } from './permissions';
import { useMe } from './use-me';

interface WriteGateProps {
  resource: string;
  /** What a role that may not write `resource` sees instead: why, and the way back. */
  refusal: ReactNode;
  children: ReactNode;
}

/**
 * A create form, or `refusal` for a role that may not write. The form shows while the role loads (the API
 * refuses the write anyway), so one who may write never sees the refusal flash by.
 */
export function WriteGate({ resource, refusal, children }: WriteGateProps) {
  const { data: me } = useMe();
  return me && !can(me, resource, 'write') ? refusal : children;
}
