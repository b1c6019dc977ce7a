import { waitFor } from '@gatehouse/shared-testing';
import { trustedOrgId } from '@gatehouse/shared-kernel';
import type { WatchResponse } from '@gatehouse/shared-proto';

import type { ChangeLogReader, LogEntry, NodeGrant } from './sync-ports';
import { WatchSession } from './watch-session';

const grant: NodeGrant = { orgId: trustedOrgId('acme'), groupId: 'eu', tags: ['eu'] };
const api = (id: string, rev: number, tags: string[] = []): LogEntry => ({
  kind: 'api',
  id,
  rev,
  deleted: false,
  document: { api_id: id },
  tags,
});

/** A change log in memory: the fake of our own port, standing in for MongoDB in unit tests. */
class FakeLog implements ChangeLogReader {
  entries: LogEntry[] = [api('a', 1), api('us-only', 2, ['us'])];
  onRead?: () => void;
  async highestRev() {
    return Math.max(0, ...this.entries.map((entry) => entry.rev));
  }
  async oldestResumable() {
    return 0;
  }
  async live() {
    return { apis: this.entries.filter((entry) => entry.kind === 'api'), policies: [] };
  }
  async entriesAfter(_orgId: string, after: number, limit: number) {
    const found = this.entries.filter((entry) => entry.rev > after).slice(0, limit);
    this.onRead?.();
    return found;
  }
}

function session(log: FakeLog, signal: { fire?: () => void } = {}) {
  const sent: WatchResponse[] = [];
  const watch = new WatchSession(
    grant,
    log,
    { onChange: (_org, listener) => ((signal.fire = listener), () => undefined) },
    async () => grant,
    { heartbeatMs: 60_000, pollMs: 60_000, lookBack: 0, pageSize: 100 },
  );
  return { sent, watch };
}

describe(WatchSession.name, () => {
  it.each([
    ['no cursor', 0, true],
    ['a cursor it can resume', 2, false],
    ['a cursor ahead of the control plane (its database was replaced)', 99, true],
  ])('with %s, snapshot: %s', async (_label, cursor, snapshot) => {
    const { sent, watch } = session(new FakeLog());
    const running = watch.run(cursor, (message) => sent.push(message));
    // Everything a session sends first ends with a heartbeat (resumed) or a snapshot's end.
    await waitFor(() => sent.some((message) => message.snapshotEnd || message.heartbeat), {
      description: 'the first batch',
    });
    watch.stop();
    await running;
    expect(sent.some((message) => message.snapshotBegin)).toBe(snapshot);
    if (snapshot) expect(sent.flatMap((message) => (message.api ? [message.api.id] : []))).toEqual(['a']);
  });

  it('reads again at once when a wake-up arrived while it was reading', async () => {
    const log = new FakeLog();
    const signal: { fire?: () => void } = {};
    const { sent, watch } = session(log, signal);
    let reads = 0;
    log.onRead = () => {
      reads++;
      if (reads === 1) {
        log.entries.push(api('b', 3));
        signal.fire?.();
      }
    };
    const running = watch.run(2, (message) => sent.push(message));
    await waitFor(() => sent.some((message) => message.change), { description: 'the change read again' });
    watch.stop();
    await running;
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(sent.find((message) => message.change)?.change).toMatchObject({ id: 'b', rev: 3, cursor: 3 });
  });

  it('ships what the announcements vouch for without reading the log, and reads the log when they cannot tell', async () => {
    const log = new FakeLog();
    let reads = 0;
    log.onRead = () => reads++;
    // Announcements vouch for revisions up to 40; from 3 on, only 'c' (rev 7) was this org's.
    let announced: { entries: LogEntry[]; upTo: number } | undefined = { entries: [api('c', 7)], upTo: 40 };
    const announcedAfter: ChangeLogReader['announcedAfter'] = (_org, after) =>
      announced && after >= 2 ? announced : undefined;
    const signal: { fire?: () => void } = {};
    const sent: WatchResponse[] = [];
    const watch = new WatchSession(
      grant,
      Object.assign(log, { announcedAfter }),
      { onChange: (_org, listener) => ((signal.fire = listener), () => undefined) },
      async () => grant,
      { heartbeatMs: 50, pollMs: 60_000, lookBack: 0, pageSize: 100 },
    );
    const running = watch.run(2, (message) => sent.push(message));
    await waitFor(() => sent.some((message) => message.heartbeat?.cursor === 40), {
      description: 'a heartbeat at the vouched revision',
    });
    expect(reads).toBe(0);
    expect(sent.find((message) => message.change)?.change).toMatchObject({ id: 'c', rev: 7 });

    announced = undefined;
    log.entries.push(api('d', 41));
    signal.fire?.();
    await waitFor(() => sent.some((message) => message.change?.id === 'd'), {
      description: 'd from the log',
    });
    watch.stop();
    await running;
    expect(reads).toBeGreaterThan(0);
  });
});
