import { Broadcaster } from './broadcaster';
import { Consumer } from './consumer';
import { MemoryLog, message, noEvents, RecordingConnection } from './consumers.spec-helper';

describe(Broadcaster.name, () => {
  it('leaves what it cannot queue in the log and reads it back: every message once, in order, memory bounded', async () => {
    const log = new MemoryLog();
    const connection = new RecordingConnection();
    const consumer = new Consumer(connection, { buffer: 1_000_000, owner: 'k' }, noEvents);
    consumer.goLive();
    let slowFirst = true;
    const slow = {
      offer: () => {
        // The first send takes longer than a turn, so the broadcaster yields with batches still queued.
        if (slowFirst) {
          slowFirst = false;
          const until = Date.now() + 10;
          while (Date.now() < until);
        }
      },
    } as unknown as Consumer;
    // More consumers than one slice (50): the broadcaster looks at the clock after the slow one's slice.
    const idle = Array.from({ length: 60 }, () => ({ offer: () => undefined }) as unknown as Consumer);
    const sut = new Broadcaster(() => [slow, ...idle, consumer], log);
    for (let batch = 0; batch < 30; batch++) {
      const messages = Array.from({ length: 600 }, (_, n) => message(batch * 600 + n + 1));
      log.messages.push(...messages);
      sut.push(messages);
    }
    const total = 30 * 600;
    const deadline = Date.now() + 5000;
    while (connection.sent.length < total && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const ids = connection.sent.map((sent) => Number(sent.id.split('-')[0]));
    expect(ids).toEqual(Array.from({ length: total }, (_, n) => n + 1));
  });
});
