/**
 * The part of a key Redis Cluster hashes to choose its slot: the text inside the first `{...}` when
 * that is not empty, else the whole key (the Redis Cluster specification's hash tags).
 */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

/**
 * A hash tag that puts a key in the same slot as `key`, so one script or transaction may touch both on
 * a Cluster; e.g. `{gatehouse:analytics}` for the stream `gatehouse:analytics`.
 */
export function slotTagOf(key: string): string {
  const part = hashedPart(key);
  if (part.includes('}'))
    throw new Error(`no hash tag can share the slot of ${JSON.stringify(key)}: it has a "}" outside a tag`);
  return `{${part}}`;
}
