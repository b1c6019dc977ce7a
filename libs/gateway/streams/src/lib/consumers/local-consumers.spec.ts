import { Consumer } from './consumer';
import { ManualTail, MemoryLog, message, noEvents, RecordingConnection } from './consumers.spec-helper';
import { LocalConsumers } from './local-consumers';

describe(LocalConsumers.name, () => {
  const consumer = (connection: RecordingConnection, owner = 'key', resumeAfter?: string) =>
    new Consumer(connection, { buffer: 4, owner, resumeAfter }, noEvents);

  it('follows the log only while it has consumers, and broadcasts each message to all of them', async () => {
    const tail = new ManualTail();
    const sut = new LocalConsumers(new MemoryLog(), tail, 5);
    const [one, two] = [new RecordingConnection(), new RecordingConnection()];
    const first = consumer(one);
    const second = consumer(two);
    expect(sut.admit('key') && sut.admit('key')).toBe(true);
    await sut.attach(first);
    await sut.attach(second);
    expect(tail.listeners.size).toBe(1);
    tail.emit(message(1), message(2));
    expect(one.sent.map((sent) => sent.id)).toEqual(['1-0', '2-0']);
    expect(two.sent.map((sent) => sent.id)).toEqual(['1-0', '2-0']);
    sut.detach(first);
    sut.detach(second);
    expect(tail.listeners.size).toBe(0);
  });

  it('counts connections per key and frees them when consumers leave', async () => {
    const sut = new LocalConsumers(new MemoryLog(), new ManualTail(), 2);
    expect([sut.admit('a'), sut.admit('a'), sut.admit('a'), sut.admit('b')]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    const attached = consumer(new RecordingConnection(), 'a');
    await sut.attach(attached);
    sut.detach(attached);
    expect(sut.admit('a')).toBe(true);
  });

  it('catches a resuming consumer up from the log, reading again what overflowed its queue meanwhile', async () => {
    const log = new MemoryLog();
    const tail = new ManualTail();
    for (let n = 1; n <= 300; n++) await log.append(`m${n}`);
    let live = 300;
    let pages = 0;
    // While the first pages are read, ten messages arrive live each time: more than the queue's bound of 4.
    log.duringResume = () => {
      if (++pages > 2) return;
      for (let i = 0; i < 10; i++) {
        const id = ++live;
        log.messages.push(message(id));
        tail.emit(message(id));
      }
    };
    const connection = new RecordingConnection();
    const sut = new LocalConsumers(log, tail, 5);
    sut.admit('key');
    await sut.attach(consumer(connection, 'key', '100-0'));
    log.duringResume = undefined;
    tail.emit(message(live + 1));
    const ids = connection.sent.map((sent) => Number(sent.id.split('-')[0]));
    expect(ids).toEqual(Array.from({ length: live + 1 - 100 }, (_, n) => 101 + n));
  });

  it('tells every consumer why when the stream stops', async () => {
    const sut = new LocalConsumers(new MemoryLog(), new ManualTail(), 5);
    const connection = new RecordingConnection();
    sut.admit('key');
    await sut.attach(consumer(connection));
    sut.closeAll('stream-stopped', 'changed');
    expect(connection.closedWith).toEqual({ reason: 'stream-stopped', detail: 'changed' });
    expect(sut.size).toBe(0);
  });
});
