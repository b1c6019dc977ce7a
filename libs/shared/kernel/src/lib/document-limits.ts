import { FieldIssue, InvalidInputError } from './domain-errors';

/** A tighter bound for one named field: the fields of an object or the items of an array. */
export interface FieldLimit {
  maxEntries: number;
  /** For arrays of strings: the longest item, in characters. */
  maxItemLength?: number;
}

/**
 * How big and how complex one stored document may be. The database's work (FerretDB especially) grows
 * with the number of fields and the bytes of a document, and every region receives every API and
 * policy, so these bound what one tenant's write can cost everyone.
 */
export interface DocumentLimits {
  /** Named in refusals: "the key is …". */
  name: string;
  /** The document as JSON, in UTF-8 bytes. */
  maxBytes: number;
  /** Objects and arrays inside each other. */
  maxDepth: number;
  /** Fields of all objects and items of all arrays, counted together. */
  maxNodes: number;
  maxFieldsPerObject: number;
  maxArrayLength: number;
  /** Any string value, in characters. */
  maxStringLength: number;
  /** Tighter limits by dotted path from the document's root, e.g. `meta_data`. */
  fields: Record<string, FieldLimit>;
}

export type DocumentKind = 'api' | 'policy' | 'key' | 'gatewayGroup' | 'other';

/** The limits an operator may change; the rest follow from them. */
export interface DocumentLimitSettings {
  apiMaxBytes: number;
  policyMaxBytes: number;
  keyMaxBytes: number;
  maxStringLength: number;
  maxDepth: number;
  /** Fields of a key's or policy's `meta_data`. */
  metaDataMaxFields: number;
  /** Tags of an API, policy, key or gateway group. */
  tagsMaxItems: number;
  tagMaxLength: number;
}

export const DEFAULT_DOCUMENT_LIMIT_SETTINGS: DocumentLimitSettings = {
  apiMaxBytes: 512 * 1024,
  policyMaxBytes: 128 * 1024,
  keyMaxBytes: 64 * 1024,
  maxStringLength: 64 * 1024,
  maxDepth: 32,
  metaDataMaxFields: 100,
  tagsMaxItems: 50,
  tagMaxLength: 200,
};

/** Field names are stored with every document; nothing legitimate needs them longer. */
const MAX_FIELD_NAME_LENGTH = 1024;
/** A refusal names at most this many fields, so refusing a huge document stays cheap. */
const MAX_ISSUES = 10;

/**
 * The limits of each kind of document, from the operator's settings. Large Tyk API definitions (OAS
 * with hundreds of operations) fit the API limits; keys are the most numerous documents and every
 * region may fetch each one, so they are the tightest.
 */
export function documentLimits(
  settings: DocumentLimitSettings = DEFAULT_DOCUMENT_LIMIT_SETTINGS,
): Record<DocumentKind, DocumentLimits> {
  const tags: FieldLimit = { maxEntries: settings.tagsMaxItems, maxItemLength: settings.tagMaxLength };
  const metaData: FieldLimit = { maxEntries: settings.metaDataMaxFields };
  const common = { maxDepth: settings.maxDepth, maxStringLength: settings.maxStringLength };
  return {
    api: {
      ...common,
      name: 'API definition',
      maxBytes: settings.apiMaxBytes,
      maxNodes: 20_000,
      maxFieldsPerObject: 2_000,
      maxArrayLength: 2_000,
      fields: { tags, 'x-tyk-api-gateway.server.gatewayTags.tags': tags },
    },
    policy: {
      ...common,
      name: 'policy',
      maxBytes: settings.policyMaxBytes,
      maxNodes: 10_000,
      maxFieldsPerObject: 1_000,
      maxArrayLength: 1_000,
      fields: { tags, meta_data: metaData },
    },
    key: {
      ...common,
      name: 'key',
      maxBytes: settings.keyMaxBytes,
      maxNodes: 5_000,
      maxFieldsPerObject: 1_000,
      maxArrayLength: 1_000,
      fields: { tags, meta_data: metaData },
    },
    gatewayGroup: {
      ...common,
      name: 'gateway group',
      maxBytes: 16 * 1024,
      maxNodes: 500,
      maxFieldsPerObject: 100,
      maxArrayLength: 100,
      fields: { tags },
    },
    other: {
      ...common,
      name: 'document',
      maxBytes: 64 * 1024,
      maxNodes: 2_000,
      maxFieldsPerObject: 200,
      maxArrayLength: 1_000,
      fields: {},
    },
  };
}

function kib(bytes: number): string {
  return bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10} KiB` : `${bytes} bytes`;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

class LimitWalk {
  readonly issues: FieldIssue[] = [];
  private nodes = 0;

  constructor(
    private readonly limits: DocumentLimits,
    private readonly root: string,
  ) {}

  get full(): boolean {
    return this.issues.length >= MAX_ISSUES || this.nodes > this.limits.maxNodes;
  }

  /** `path` is relative to the document (where field limits apply); `shown` is what a refusal names. */
  visit(value: unknown, path: string, shown: string, depth: number): void {
    if (this.full) return;
    if (typeof value === 'string') {
      if (value.length > this.limits.maxStringLength)
        this.issue(
          shown,
          `is ${value.length} characters long; at most ${this.limits.maxStringLength} are allowed`,
        );
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (depth >= this.limits.maxDepth) {
      this.issue(shown, `nests deeper than ${this.limits.maxDepth} levels`);
      return;
    }
    const field = this.limits.fields[path];
    if (Array.isArray(value)) {
      const max = field?.maxEntries ?? this.limits.maxArrayLength;
      if (value.length > max) {
        this.issue(shown, `has ${value.length} items; at most ${max} are allowed`);
        return;
      }
      if (!this.count(value.length)) return;
      value.forEach((item, index) => {
        const itemShown = join(shown, String(index));
        if (
          field?.maxItemLength !== undefined &&
          typeof item === 'string' &&
          item.length > field.maxItemLength
        )
          this.issue(
            itemShown,
            `is ${item.length} characters long; at most ${field.maxItemLength} are allowed`,
          );
        else this.visit(item, join(path, String(index)), itemShown, depth + 1);
      });
      return;
    }
    const entries = Object.entries(value);
    const max = field?.maxEntries ?? this.limits.maxFieldsPerObject;
    if (entries.length > max) {
      this.issue(shown, `has ${entries.length} fields; at most ${max} are allowed`);
      return;
    }
    if (!this.count(entries.length)) return;
    for (const [key, child] of entries) {
      if (key.length > MAX_FIELD_NAME_LENGTH) {
        this.issue(
          join(shown, `${key.slice(0, 32)}…`),
          `field names may be at most ${MAX_FIELD_NAME_LENGTH} characters`,
        );
        continue;
      }
      this.visit(child, join(path, key), join(shown, key), depth + 1);
    }
  }

  private count(entries: number): boolean {
    this.nodes += entries;
    if (this.nodes <= this.limits.maxNodes) return true;
    this.issue(
      this.root,
      `the ${this.limits.name} has more than ${this.limits.maxNodes} fields and array items in all; at most ${this.limits.maxNodes} are allowed`,
    );
    return false;
  }

  private issue(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ path, message });
  }
}

/** The biggest top-level field of an object, to say where an oversized document's bytes are. */
function largestField(document: unknown): { key: string; bytes: number } | undefined {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return undefined;
  let largest: { key: string; bytes: number } | undefined;
  for (const [key, value] of Object.entries(document)) {
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '');
    if (!largest || bytes > largest.bytes) largest = { key, bytes };
  }
  return largest;
}

/**
 * Every way `document` exceeds `limits`, each naming the field and the limit (`meta_data: has 60000
 * fields; at most 100 are allowed`). `prefix` is prepended to paths in refusals, e.g. the index of a
 * document inside an import. The walk stops early, so a huge document costs little to refuse.
 */
export function documentLimitIssues(document: unknown, limits: DocumentLimits, prefix = ''): FieldIssue[] {
  const walk = new LimitWalk(limits, prefix);
  walk.visit(document, '', prefix, 0);
  if (walk.issues.length > 0) return walk.issues;
  const bytes = Buffer.byteLength(JSON.stringify(document) ?? '');
  if (bytes <= limits.maxBytes) return [];
  const largest = largestField(document);
  const where = largest ? ` (the largest field is ${largest.key}, ${kib(largest.bytes)})` : '';
  return [
    {
      path: prefix,
      message: `the ${limits.name} is ${kib(bytes)} of JSON; at most ${kib(limits.maxBytes)} are allowed${where}`,
    },
  ];
}

/**
 * Refuses (with {@link InvalidInputError}, a 400 / INVALID_ARGUMENT naming each field) a document past
 * `limits`, before anything is written. The dashboard applies it to every document it stores; the
 * gateway's own Gateway API can apply the same limits to what it stores in Redis or files.
 */
export function assertWithinDocumentLimits(document: unknown, limits: DocumentLimits, prefix = ''): void {
  const issues = documentLimitIssues(document, limits, prefix);
  if (issues.length > 0) throw new InvalidInputError(issues);
}
