import type { AnalyticsBatch, Sink } from '@gatehouse/pump-core';
import { toTykRecord } from '@gatehouse/shared-tyk-compat';
import type { Writable } from 'node:stream';
import { z } from 'zod';

import type { SinkType } from './sink-type';

/** Tyk records as JSON lines, for debugging and log shippers. */
export class StdoutSink implements Sink {
  readonly name = 'stdout';

  constructor(private readonly out: Writable = process.stdout) {}

  async write(batches: AnalyticsBatch[]): Promise<void> {
    const lines = batches.flatMap((batch) =>
      batch.records.map((record) => JSON.stringify(toTykRecord(record, 0))),
    );
    await new Promise<void>((resolve, reject) =>
      this.out.write(`${lines.join('\n')}\n`, (error) => (error ? reject(error) : resolve())),
    );
  }
}

/** `stdout` takes no `meta`. */
export const stdoutSinkType: SinkType<z.ZodObject> = {
  meta: z.strictObject({}),
  open: async () => ({ sink: new StdoutSink() }),
};
