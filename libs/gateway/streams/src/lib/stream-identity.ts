/** Which stream: the org and API that own it, and its name in the API's `x-tyk-streaming`. */
export interface StreamIdentity {
  orgId: string;
  apiId: string;
  name: string;
}

/**
 * Every part is URI-encoded, so no org can choose ids that make its key another org's: `a:b` + `c` and
 * `a` + `b:c` stay apart. The braces hash-tag a stream's keys to one Redis Cluster slot.
 */
function scope(stream: StreamIdentity): string {
  return `${encodeURIComponent(stream.orgId)}:${encodeURIComponent(stream.apiId)}`;
}

/** The region's Redis Stream holding this stream's messages. */
export function streamLogKey(stream: StreamIdentity): string {
  return `stream:{${scope(stream)}}:${encodeURIComponent(stream.name)}`;
}

/**
 * A broker consumer group for this stream in this region: shared by the region's gateways (so each
 * message is read once per region) and distinct per region (so every region reads every message).
 * The definition's own group name is kept inside, never used alone, so one tenant cannot join
 * another's group by naming it.
 */
export function regionalGroup(region: string, stream: StreamIdentity, requested = ''): string {
  const parts = ['gatehouse', region || 'default', scope(stream), encodeURIComponent(stream.name)];
  if (requested) parts.push(encodeURIComponent(requested));
  return parts.join('.');
}

/** How metrics and logs name a stream. */
export function streamLabel(stream: StreamIdentity): string {
  return `${stream.apiId}/${stream.name}`;
}
