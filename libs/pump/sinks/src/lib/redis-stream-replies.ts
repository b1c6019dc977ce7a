import type { StreamEntry } from '@gatehouse/pump-core';

/** A stream entry as Redis answers it: its id and its fields as a flat name, value list. */
export type RawEntry = [id: string, fields: string[]];

/** A flat `[name, value, name, value…]` reply as an object. */
export function pairsToObject<T>(list: T[]): Record<string, T> {
  const fields: Record<string, T> = {};
  for (let index = 0; index + 1 < list.length; index += 2) fields[String(list[index])] = list[index + 1];
  return fields;
}

/** Entries of an XREADGROUP, XAUTOCLAIM or XRANGE reply; deleted ones (no fields) are left out. */
export function toEntries(raw: RawEntry[] | null | undefined): StreamEntry[] {
  return (raw ?? [])
    .filter(([, fields]) => fields !== null)
    .map(([id, fields]) => ({ id, fields: pairsToObject(fields) }));
}

/** The id right after `id` (`ms-seq` → `ms-(seq+1)`): the first id a group has not been given yet. */
export function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
}

export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  return aMs === bMs ? Number(aSeq - bSeq) : Number(aMs - bMs);
}
