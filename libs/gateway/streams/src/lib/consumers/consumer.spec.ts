import { Mapping } from '@gatehouse/shared-streams';

import { Consumer } from './consumer';
import { message, noEvents, RecordingConnection } from './consumers.spec-helper';

describe(Consumer.name, () => {
  it('delivers each message once, in id order, skipping ids at or before the last delivered', () => {
    const connection = new RecordingConnection();
    const sut = new Consumer(connection, { buffer: 10, owner: 'k', resumeAfter: '2-0' }, noEvents);
    sut.deliver(message(2));
    sut.deliver(message(3));
    sut.deliver(message(3));
    sut.goLive();
    sut.offer(message(1));
    sut.offer(message(4));
    expect(connection.sent.map((sent) => sent.id)).toEqual(['3-0', '4-0']);
  });

  it('queues live messages while catching up and sends them after the backlog, without repeats', () => {
    const connection = new RecordingConnection();
    const sut = new Consumer(connection, { buffer: 10, owner: 'k', resumeAfter: '0-0' }, noEvents);
    sut.offer(message(3));
    sut.offer(message(4));
    sut.deliver(message(1));
    sut.deliver(message(2));
    sut.deliver(message(3));
    sut.goLive();
    expect(connection.sent.map((sent) => sent.id)).toEqual(['1-0', '2-0', '3-0', '4-0']);
  });

  it('drops its live queue past the buffer while catching up, and says so, instead of growing', () => {
    const sut = new Consumer(
      new RecordingConnection(),
      { buffer: 2, owner: 'k', resumeAfter: '0-0' },
      noEvents,
    );
    sut.offer(message(1));
    sut.offer(message(2));
    expect(sut.overflowed).toBe(false);
    sut.offer(message(3));
    expect(sut.overflowed).toBe(true);
  });

  it('cuts off a consumer whose buffer is full, with the reason, and counts it', () => {
    const connection = new RecordingConnection();
    const closed: string[] = [];
    const sut = new Consumer(
      connection,
      { buffer: 2, owner: 'k' },
      { ...noEvents, closed: (r) => closed.push(r) },
    );
    sut.goLive();
    sut.offer(message(1));
    connection.unsent = 2;
    sut.offer(message(2));
    expect(connection.sent).toHaveLength(1);
    expect(connection.closedWith).toEqual({ reason: 'slow', detail: expect.stringContaining('2 messages') });
    expect(closed).toEqual(['slow']);
    sut.offer(message(3));
    expect(connection.sent).toHaveLength(1);
  });

  it("runs a per-consumer pipeline with the consumer's own context", () => {
    const connection = new RecordingConnection();
    const filtered: string[] = [];
    const mapping = new Mapping(
      'root = if this.to == "$tyk_context.headers_X_User" { this } else { deleted() }',
    );
    const sut = new Consumer(
      connection,
      {
        buffer: 10,
        owner: 'k',
        perConsumer: {
          processors: [{ type: 'mapping', config: mapping }],
          context: { resolve: (ref) => (ref.name === 'headers_X_User' ? 'ann' : undefined) },
        },
      },
      { ...noEvents, filtered: (outcome) => filtered.push(outcome) },
    );
    sut.goLive();
    sut.offer(message(1, '{"to":"ann"}'));
    sut.offer(message(2, '{"to":"bob"}'));
    expect(connection.sent.map((sent) => sent.content)).toEqual(['{"to":"ann"}']);
    expect(filtered).toEqual(['dropped']);
  });

  it('accepts messages out of order under shared delivery (claimed ones arrive late)', () => {
    const connection = new RecordingConnection();
    const sut = new Consumer(connection, { buffer: 10, owner: 'k', shared: true }, noEvents);
    sut.goLive();
    sut.deliver(message(5));
    sut.deliver(message(3));
    expect(connection.sent.map((sent) => sent.id)).toEqual(['5-0', '3-0']);
  });
});
