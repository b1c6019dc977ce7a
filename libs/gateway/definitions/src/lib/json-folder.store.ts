import type { DocumentStore, TykDocument } from '@gatehouse/gateway-core';
import { TimeSlicer } from '@gatehouse/gateway-runtime';
import { InvalidInputError } from '@gatehouse/shared-kernel';
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { join, sep } from 'node:path';

export interface LoadedFile {
  file: string;
  documents: TykDocument[];
}

/** Ids become file names, so they must not be able to leave the folder: a 400 naming the id's field. */
export function safeFileName(id: string, field = 'id'): string {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(id) || id.startsWith('.')) {
    throw new InvalidInputError([
      { path: field, message: `"${id}" cannot be used as a file name (letters, digits, . _ - only)` },
    ]);
  }
  return `${id}.json`;
}

/**
 * How long a pass reads files before letting requests run (ms). Files are read synchronously, in these
 * slices: asynchronously, each file cost four thread-pool round trips, each waiting for a turn of a loaded
 * event loop, and reading 10,000 files under load took 3 s (32 in flight) instead of 0.3 s.
 */
const READ_SLICE_MS = 2;

type FileRead = { file: string; parsed: unknown } | { file: string; error: string };

/** What a file held when last read or written: its text's digest and the value parsed from it. */
interface KnownFile {
  digest: string;
  parsed: unknown;
  /** The readAll pass that last saw the file. */
  pass: number;
}

/** One-shot: no Hash object (and native handle) per file, 10,000 of them per reload. */
function digestOf(text: string): string {
  return hash('sha256', text, 'base64');
}

/**
 * A folder of JSON documents, one per file named `<id>.json` (Tyk's app_path layout). Files that hold
 * an object of documents keyed by id (Tyk's policies.json layout) are read too. Writes go to a temp
 * file renamed into place, so a reader never sees half a file.
 */
export class JsonFolderStore implements DocumentStore {
  /**
   * Files as last read or written: a file whose text did not change answers the same parsed object,
   * so what was built from it can be reused (ConfigRuntime keeps compiled APIs by document).
   */
  private readonly known = new Map<string, KnownFile>();
  /** Counts readAll passes, so a file's entry in `known` says when it was last seen. */
  private passes = 0;

  constructor(
    private readonly folder: string,
    /** The id a document is stored under (`api_id`, a policy's `id`, a Tyk OAS API's id). */
    readonly idOf: (document: TykDocument) => string,
    private readonly isDocument: (value: TykDocument) => boolean,
    /** Read only this file of the folder (Tyk's single policies.json); writes still go to `<id>.json`. */
    private readonly onlyFile?: string,
    /** The field an id comes from, named when an id cannot be a file name. */
    private readonly idField = 'id',
  ) {}

  /** Every document with the file it came from; unreadable files are reported as errors, not skipped. */
  async readAll(): Promise<{ loaded: LoadedFile[]; errors: string[] }> {
    let listed: string[];
    try {
      listed = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { loaded: [], errors: [] };
      throw error;
    }
    // Each pass over 10,000 names or files takes milliseconds; between them, requests get their turn.
    await nextTurn();
    const names = listed.filter(
      (name) => name.endsWith('.json') && (!this.onlyFile || name === this.onlyFile),
    );
    names.sort();
    await nextTurn();
    const results = await this.readSliced(names);
    await nextTurn();
    const loaded: LoadedFile[] = [];
    const errors: string[] = [];
    for (const result of results) {
      if ('error' in result) {
        errors.push(`${result.file}: ${result.error}`);
        continue;
      }
      try {
        loaded.push({ file: result.file, documents: this.documentsIn(result.parsed) });
      } catch (error) {
        errors.push(`${result.file}: ${(error as Error).message}`);
      }
    }
    return { loaded, errors };
  }

  async list(): Promise<TykDocument[]> {
    return (await this.readAll()).loaded.flatMap((file) => file.documents);
  }

  async get(id: string): Promise<TykDocument | undefined> {
    return (await this.list()).find((document) => this.idOf(document) === id);
  }

  /** The file a document with this id is written to. */
  fileOf(id: string): string {
    return join(this.folder, safeFileName(id, this.idField));
  }

  async save(id: string, document: TykDocument): Promise<void> {
    const target = this.fileOf(id);
    const temporary = `${target}.${process.pid}.tmp`;
    const text = `${JSON.stringify(document, null, 2)}\n`;
    try {
      await writeFile(temporary, text);
    } catch (error) {
      // The folder is made on the first write into it: every file-system call of a Gateway API write
      // waits for a turn of a loaded event loop, so a write does not ask for the folder each time.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(this.folder, { recursive: true });
      await writeFile(temporary, text);
    }
    await rename(temporary, target);
    this.known.set(target, { digest: digestOf(text), parsed: document, pass: this.passes });
  }

  async delete(id: string): Promise<boolean> {
    try {
      await rm(this.fileOf(id));
      this.known.delete(this.fileOf(id));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /**
   * Reads and parses every file in the order given, in time slices (see READ_SLICE_MS). Paths are made
   * as each file is read: joining 10,000 names in one pass (path.join normalises each) held the event
   * loop for most of a reload's longest stall.
   */
  private async readSliced(names: string[]): Promise<FileRead[]> {
    const results: FileRead[] = new Array(names.length);
    const prefix = join(this.folder, sep);
    const pass = ++this.passes;
    const slicer = new TimeSlicer(READ_SLICE_MS);
    for (let at = 0; at < names.length; at++) {
      const file = prefix + names[at];
      try {
        results[at] = { file, parsed: this.parse(file, readFileSync(file, 'utf8')) };
      } catch (error) {
        results[at] = { file, error: (error as Error).message };
      }
      await slicer.maybeYield();
    }
    await nextTurn();
    // Forget files gone from the folder: those this pass did not see (one loop, no set of 10,000 paths).
    for (const [file, known] of this.known) if (known.pass !== pass) this.known.delete(file);
    return results;
  }

  /** The value the text holds: the one parsed before when the text is the same. */
  private parse(file: string, text: string): unknown {
    const digest = digestOf(text);
    const known = this.known.get(file);
    if (known?.digest === digest) {
      known.pass = this.passes;
      return known.parsed;
    }
    const parsed: unknown = JSON.parse(text);
    this.known.set(file, { digest, parsed, pass: this.passes });
    return parsed;
  }

  private documentsIn(parsed: unknown): TykDocument[] {
    if (parsed === null || typeof parsed !== 'object') throw new Error('expected a JSON object or array');
    if (Array.isArray(parsed)) return parsed as TykDocument[];
    const object = parsed as TykDocument;
    if (this.isDocument(object)) return [object];
    // Tyk's policies.json: { "<policy id>": { ...policy } }, the id often only in the key.
    return Object.entries(object).map(([key, value]) => {
      const document = value as TykDocument;
      return this.idOf(document) ? document : { ...document, id: key };
    });
  }
}
