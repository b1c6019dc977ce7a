/**
 * MurmurHash3 (Austin Appleby), seed 0, as Tyk uses it to hash keys: the 128-bit x64 variant, whose
 * first half is Tyk's "murmur64". Outputs are big-endian hex, matching Go's
 * `hex.EncodeToString(hasher.Sum(nil))`. Tyk's 32-bit variant is deliberately absent: ids that short
 * are forged by brute force in seconds, so Gatehouse never stores or accepts them.
 */

const MASK64 = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

function rotl64(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK64;
}

function fmix64(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & MASK64;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & MASK64;
  k ^= k >> 33n;
  return k;
}

function readUint64LE(data: Uint8Array, offset: number, length: number): bigint {
  let value = 0n;
  for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(data[offset + i]);
  return value;
}

/** Returns [h1, h2] of MurmurHash3 x64 128 with seed 0. */
export function murmur3x64_128(data: Uint8Array): [bigint, bigint] {
  const blocks = Math.floor(data.length / 16);
  let h1 = 0n;
  let h2 = 0n;
  for (let i = 0; i < blocks; i++) {
    let k1 = readUint64LE(data, i * 16, 8);
    let k2 = readUint64LE(data, i * 16 + 8, 8);
    k1 = (rotl64((k1 * C1) & MASK64, 31n) * C2) & MASK64;
    h1 ^= k1;
    h1 = (((rotl64(h1, 27n) + h2) & MASK64) * 5n + 0x52dce729n) & MASK64;
    k2 = (rotl64((k2 * C2) & MASK64, 33n) * C1) & MASK64;
    h2 ^= k2;
    h2 = (((rotl64(h2, 31n) + h1) & MASK64) * 5n + 0x38495ab5n) & MASK64;
  }
  const tail = blocks * 16;
  const rest = data.length & 15;
  if (rest > 8) {
    const k2 = readUint64LE(data, tail + 8, rest - 8);
    h2 ^= (rotl64((k2 * C2) & MASK64, 33n) * C1) & MASK64;
  }
  if (rest > 0) {
    const k1 = readUint64LE(data, tail, Math.min(rest, 8));
    h1 ^= (rotl64((k1 * C1) & MASK64, 31n) * C2) & MASK64;
  }
  const length = BigInt(data.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 = (h1 + h2) & MASK64;
  h2 = (h2 + h1) & MASK64;
  return [h1, h2];
}

export function toHex64(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}
