/**
 * One canonical form of a request path, computed once per request and used for routing, every path
 * rule and the upstream request alike, so the gateway matches exactly the path the upstream serves.
 * RFC 3986 §6.2.2 normalisation as common upstreams apply it: percent-encoded characters that may
 * appear raw in a path are decoded (`%61dmin` is `admin`, `%2e%2e` is `..`), remaining escapes are
 * upper-cased, empty segments merged (`//admin`), dot-segments removed (`/x/../admin`), and bytes above
 * 0x7f escaped. Paths that cannot be put in one form safely are refused instead of guessed at.
 */
export type CanonicalPath =
  | {
      path: string;
      /** The path holds an encoded `/` or `\`, or a raw `\`: separators upstreams disagree about. */
      ambiguousSeparator: boolean;
    }
  | { refused: string };

/** Bytes that may stand raw in a path segment (RFC 3986 pchar without '%'): decoded when escaped. */
const PCHAR = new Uint8Array(128);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")
  PCHAR[char.charCodeAt(0)] = 1;

const HEX = '0123456789ABCDEF';

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** True for paths that are already canonical: the common case costs one scan and no allocation. */
function plainlyCanonical(raw: string): boolean {
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (code === 37 || code === 92 || code > 126 || code < 33) return false; // % \ non-ASCII controls
    if (code === 47) {
      const next = raw.charCodeAt(index + 1);
      if (next === 47) return false; // //
      if (next === 46) return false; // /. (maybe a dot-segment)
    }
  }
  return true;
}

/** Decodes what may be decoded and escapes what must be escaped, or says why the path is refused. */
function decodeSegmentText(raw: string): { text: string; ambiguous: boolean } | { refused: string } {
  let text = '';
  let ambiguous = false;
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (code === 37) {
      const high = hexValue(raw.charCodeAt(index + 1));
      const low = hexValue(raw.charCodeAt(index + 2));
      if (high < 0 || low < 0) return { refused: 'invalid percent-encoding' };
      const byte = high * 16 + low;
      index += 2;
      if (byte < 0x20 || byte === 0x7f) return { refused: 'encoded control character (such as NUL)' };
      if (byte === 0x2f || byte === 0x5c) ambiguous = true;
      text += byte < 128 && PCHAR[byte] ? String.fromCharCode(byte) : `%${HEX[high]}${HEX[low]}`;
    } else if (code === 92) {
      ambiguous = true;
      text += '%5C';
    } else if (code > 126 || code < 33) {
      // Node hands bytes above 0x7f as latin1 characters; an upstream gets them escaped.
      if (code > 255 || code < 33 || code === 127) return { refused: 'invalid character' };
      text += `%${HEX[code >> 4]}${HEX[code & 15]}`;
    } else {
      text += raw[index];
    }
  }
  return { text, ambiguous };
}

export function canonicalPath(raw: string): CanonicalPath {
  if (raw.charCodeAt(0) !== 47) return { refused: 'the path must start with /' };
  if (plainlyCanonical(raw)) return { path: raw, ambiguousSeparator: false };
  const decoded = decodeSegmentText(raw);
  if ('refused' in decoded) return decoded;
  const segments: string[] = [];
  const parts = decoded.text.split('/');
  for (let index = 1; index < parts.length; index++) {
    const segment = parts[index];
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { refused: 'the path climbs above the root' };
      segments.pop();
      continue;
    }
    // Servlet containers read `..;x` as `..`: a traversal hidden behind a path parameter.
    if (segment.startsWith('..;') || segment.startsWith('.;'))
      return { refused: 'dot-segment with a path parameter' };
    segments.push(segment);
  }
  const last = parts[parts.length - 1];
  const trailingSlash = segments.length > 0 && (last === '' || last === '.' || last === '..');
  const path = `/${segments.join('/')}${trailingSlash ? '/' : ''}`;
  return { path, ambiguousSeparator: decoded.ambiguous };
}
