import { murmur3x64_128, toHex64 } from './murmur3';

// Reference values from Python's mmh3 (seed 0), the same algorithm Go's murmur3 package implements.
const VECTORS: [string, string, string][] = [
  ['', '0000000000000000', '0000000000000000'],
  ['hello', 'cbd8a7b341bd9b02', '5b1e906a48ae1d19'],
  ['The quick brown fox jumps over the lazy dog', 'e34bbc7bbc071b6c', '7a433ca9c49a9347'],
  [
    'eyJvcmciOiI1ZTlkOTU0NGExZGNkNjAwMDFkMGVkMjAiLCJpZCI6ImFiYyIsImgiOiJtdXJtdXI2NCJ9',
    'e255f6484f242509',
    'f636b9b6d5e36a7c',
  ],
  ['a'.repeat(17), '6f7214c7cef2d698', 'a4fdbc534edea5bb'],
];

describe('murmur3', () => {
  it.each(VECTORS)('hashes %j like the reference', (input, h1, h2) => {
    const bytes = Buffer.from(input, 'utf8');
    const [high, low] = murmur3x64_128(bytes);
    expect(toHex64(high)).toBe(h1);
    expect(toHex64(low)).toBe(h2);
  });
});
