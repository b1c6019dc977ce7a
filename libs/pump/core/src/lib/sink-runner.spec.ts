import type { StructuredLogger } from '@gatehouse/shared-observability';
import { waitFor } from '@gatehouse/shared-testing';

import { entryOf, FakeAnalyticsStream } from './fake-analytics-stream.spec-helper';
import { FakeSink } from './fake-sink.spec-helper';
import { NO_FILTERS } from './record-filters';
import { SinkRunner, SinkRunnerMetrics, SinkRunnerOptions } from './sink-runner';

function countingMetrics() {
  const counts = { in: 0, out: 0, filtered: 0, retried: 0, deadLettered: 0 };
  const metrics: SinkRunnerMetrics = {
    recordsIn: (count) => (counts.in += count),
    recordsOut: (count) => (counts.out += count),
    filtered: (count) => (counts.filtered += count),
    retried: () => counts.retried++,
    deadLettered: (count) => (counts.deadLettered += count),
  };
  return { counts, metrics };
}

function recordingLogger() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const logger: StructuredLogger = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
    error: (fields, message) => lines.push({ level: 'error', fields, message }),
  };
  return { lines, logger };
}

describe(SinkRunner.name, () => {
  let stream: FakeAnalyticsStream;
  let sink: FakeSink;
  let counts: ReturnType<typeof countingMetrics>['counts'];
  let lines: ReturnType<typeof recordingLogger>['lines'];
  let sut: SinkRunner;

  const build = (changes: Partial<SinkRunnerOptions> = {}) => {
    const { counts: c, metrics } = countingMetrics();
    const { lines: l, logger } = recordingLogger();
    counts = c;
    lines = l;
    sut = new SinkRunner(
      sink,
      stream,
      {
        entriesPerWrite: 10,
        blockMs: 10,
        claimIdleMs: 60_000,
        maxAttempts: 3,
        backoffMs: 1,
        maxBackoffMs: 4,
        filters: NO_FILTERS,
        shaping: { omitDetailedRecording: false, maxRecordSize: 0 },
        writeTimeoutMs: 0,
        ...changes,
      },
      metrics,
      logger,
    );
    return sut;
  };
  const writtenIds = () => sink.written.map((batches) => batches.map((batch) => batch.entryId));

  beforeEach(() => {
    stream = new FakeAnalyticsStream();
    sink = new FakeSink(stream.calls);
  });

  afterEach(async () => {
    sink.release();
    await sut?.stop();
    jest.useRealTimers();
  });

  describe('delivery', () => {
    it("writes each entry's records as one batch, then acknowledges the entries", async () => {
      stream.append(entryOf('1-0', ['r1', 'r2']), entryOf('2-0', ['r3']));
      expect(await build().drainOnce()).toBe(2);
      expect(sink.written).toEqual([
        [
          expect.objectContaining({ entryId: '1-0', region: '' }),
          expect.objectContaining({ entryId: '2-0', region: '' }),
        ],
      ]);
      expect(sink.written[0][0].records.map((record) => record.id)).toEqual(['r1', 'r2']);
      expect(stream.calls.filter((call) => /^(write|ack)/.test(call))).toEqual([
        'write 1-0 2-0',
        'ack 1-0 2-0',
      ]);
      expect(counts).toMatchObject({ in: 3, out: 3, deadLettered: 0 });
    });

    it('acknowledges nothing while the write is still running', async () => {
      sink.hold();
      build().start();
      stream.append(entryOf('1-0', ['r1']));
      await waitFor(() => sink.calls === 1, { description: 'the write to start' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(stream.acked).toEqual([]);
      sink.release();
      await waitFor(() => stream.acked.length === 1, { description: 'the acknowledgement' });
      expect(stream.acked).toEqual(['1-0']);
    });

    it('reads what this consumer was given before a crash first, then what dead consumers left, then new entries', async () => {
      stream.pending.push(entryOf('1-0', ['mine']));
      stream.stale = [entryOf('2-0', ['orphaned'])];
      stream.append(entryOf('3-0', ['new']));
      await build().drainOnce();
      expect(writtenIds()).toEqual([['1-0'], ['2-0'], ['3-0']]);
      expect(stream.acked).toEqual(['1-0', '2-0', '3-0']);
      expect(stream.pending).toEqual([]);
    });

    it("applies the sink's filters and shaping, and acknowledges entries the filters emptied without writing them", async () => {
      stream.append(
        entryOf('1-0', ['failed'], { response_code: 500 }),
        entryOf('2-0', ['ok'], { raw_request: 'R0VUIC8=' }),
      );
      await build({
        filters: { ...NO_FILTERS, skip_response_codes: [500] },
        shaping: { omitDetailedRecording: true, maxRecordSize: 0 },
      }).drainOnce();
      expect(writtenIds()).toEqual([['2-0']]);
      expect(sink.written[0][0].records[0]).not.toHaveProperty('raw_request');
      expect(stream.acked).toEqual(['1-0', '2-0']);
      expect(counts).toMatchObject({ in: 2, filtered: 1, out: 1 });

      stream.append(entryOf('3-0', ['failed-again'], { response_code: 500 }));
      await sut.drainOnce();
      expect(sink.calls).toBe(1);
      expect(stream.acked).toEqual(['1-0', '2-0', '3-0']);
    });
  });

  describe('failures', () => {
    it('retries a failed write with doubling backoff up to the ceiling', async () => {
      jest.useFakeTimers({ now: 0 });
      sink.failWith = (_batches, call) => (call < 5 ? `failure ${call}` : undefined);
      stream.append(entryOf('1-0', ['r1']));
      const draining = build({ maxAttempts: 5, backoffMs: 100, maxBackoffMs: 250 }).drainOnce();
      await jest.advanceTimersByTimeAsync(1000);
      await draining;
      expect(sink.startedAt).toEqual([0, 100, 300, 550, 800]);
      expect(stream.acked).toEqual(['1-0']);
      expect(counts).toMatchObject({ retried: 4, out: 1, deadLettered: 0 });
      expect(lines.filter((line) => line.level === 'warn')[0]).toEqual({
        level: 'warn',
        fields: { sink: 'fake', err: 'failure 1', attempt: 1 },
        message: 'sink write failed; retrying',
      });
    });

    it('dead-letters the entries with the last error after the last attempt, and acknowledges nothing', async () => {
      sink.failWith = (_batches, call) => `failure ${call}`;
      stream.append(entryOf('1-0', ['r1']), entryOf('2-0', ['r2']));
      await build({ maxAttempts: 3 }).drainOnce();
      expect(sink.calls).toBe(3);
      expect(stream.deadLetters.map((letter) => [letter.entry.id, letter.reason])).toEqual([
        ['1-0', 'failure 3'],
        ['2-0', 'failure 3'],
      ]);
      expect(stream.acked).toEqual([]);
      expect(stream.pending).toEqual([]);
      expect(counts).toMatchObject({ retried: 2, deadLettered: 2, out: 0 });
      expect(lines).toContainEqual({
        level: 'error',
        fields: { sink: 'fake', entries: 2, err: 'failure 3' },
        message: 'entries dead-lettered',
      });
    });

    it('dead-letters an unreadable entry on its own and delivers the others', async () => {
      stream.append({ id: '1-0', fields: { n: '1', r: 'not json' } }, entryOf('2-0', ['r2']));
      await build().drainOnce();
      expect(stream.deadLetters.map((letter) => [letter.entry.id, letter.reason])).toEqual([
        ['1-0', 'entry 1-0: records are not JSON'],
      ]);
      expect(writtenIds()).toEqual([['2-0']]);
      expect(stream.acked).toEqual(['2-0']);
      expect(counts.deadLettered).toBe(1);
    });

    it('counts a write that outlives the write timeout as failed, and retries it', async () => {
      sink.hold();
      stream.append(entryOf('1-0', ['r1']));
      await build({ writeTimeoutMs: 20 }).drainOnce();
      expect(sink.calls).toBe(2);
      expect(lines[0]).toMatchObject({ fields: { err: 'write took longer than 20 ms' } });
      expect(stream.acked).toEqual(['1-0']);
      expect(counts).toMatchObject({ retried: 1, out: 1 });
    });

    it('waits for the stream when it is unavailable, and keeps reading after a failed read', async () => {
      stream.failures.push('ensureGroup', 'readNew');
      build().start();
      stream.append(entryOf('1-0', ['r1']));
      await waitFor(() => stream.acked.length === 1, { description: 'the entry delivered' });
      expect(lines.map((line) => line.message)).toEqual([
        'analytics stream unavailable',
        'reading the analytics stream failed',
      ]);
      expect(lines[1].fields).toEqual({ sink: 'fake', err: 'readNew refused' });
    });
  });

  describe('stopping', () => {
    it('finishes the write in progress and acknowledges it, then closes the stream and the sink', async () => {
      sink.hold();
      build().start();
      stream.append(entryOf('1-0', ['r1']));
      await waitFor(() => sink.calls === 1, { description: 'the write to start' });
      let stopped = false;
      const stopping = sut.stop().then(() => (stopped = true));
      // Let every pending callback run: stop must still be waiting for the held write.
      for (let turn = 0; turn < 5; turn++) await new Promise(setImmediate);
      expect(stopped).toBe(false);
      sink.release();
      await stopping;
      expect(stream.calls.slice(-2)).toEqual(['ack 1-0', 'close']);
      expect(sink.closed).toBe(true);
    });

    it('abandons a write waiting to be retried, leaving its entries pending for the next start', async () => {
      sink.failWith = () => 'down';
      build({ backoffMs: 60_000, maxBackoffMs: 60_000, maxAttempts: 10 }).start();
      stream.append(entryOf('1-0', ['r1']));
      await waitFor(() => counts.retried === 1, { description: 'the first retry to be scheduled' });
      await sut.stop();
      expect(sink.calls).toBe(1);
      expect(stream.acked).toEqual([]);
      expect(stream.deadLetters).toEqual([]);
      expect(stream.pending.map((entry) => entry.id)).toEqual(['1-0']);
    });
  });

  describe('dead-letter replay', () => {
    it('writes dead letters under their original entry ids and deletes each once written', async () => {
      const first = stream.addDeadLetter(entryOf('1-0', ['r1']), 'boom');
      const second = stream.addDeadLetter(entryOf('2-0', ['r2', 'r3']), 'boom');
      expect(await build().replayDeadLetters()).toBe(2);
      expect(writtenIds()).toEqual([['1-0', '2-0']]);
      expect(stream.calls).toContain(`removeDeadLetters ${first.id} ${second.id}`);
      expect(stream.deadLetters).toEqual([]);
      expect(counts).toMatchObject({ in: 3, out: 3 });
    });

    it('retries as live delivery does, and keeps what fails again or cannot be read', async () => {
      const kept = [
        stream.addDeadLetter(entryOf('1-0', ['r1']), 'boom'),
        stream.addDeadLetter({ id: '2-0', fields: { n: '1' } }, 'unreadable'),
        stream.addDeadLetter(entryOf('3-0', ['poison']), 'boom'),
        stream.addDeadLetter(entryOf('4-0', ['r4']), 'boom'),
      ].slice(1, 3);
      sink.failWith = (batches) => (batches[0].entryId === '3-0' ? 'still broken' : undefined);
      expect(await build({ entriesPerWrite: 1, maxAttempts: 2 }).replayDeadLetters()).toBe(2);
      expect(writtenIds()).toEqual([['1-0'], ['4-0']]);
      expect(stream.deadLetters).toEqual(kept);
      expect(stream.calls.some((call) => call.startsWith('deadLetter'))).toBe(false);
      expect(counts).toMatchObject({ retried: 1, deadLettered: 0, out: 2 });
      expect(lines.filter((line) => line.message === 'replay failed; the dead letters stay')).toEqual([
        expect.objectContaining({
          fields: { sink: 'fake', entries: ['2-0'], err: 'entry 2-0 has no "r" field' },
        }),
        expect.objectContaining({ fields: { sink: 'fake', entries: ['3-0'], err: 'still broken' } }),
      ]);
    });
  });
});
