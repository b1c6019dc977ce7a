import { AnnouncedChanges, Announcement } from './announced-changes';

const announce = (rev: number, orgId = 'acme', id = `api-${rev}`, bytes = 100): Announcement => ({
  orgId,
  rev,
  entry: { kind: 'api', id, rev, deleted: false, document: { api_id: id }, tags: [] },
  bytes,
});
const ids = (read: { entries: { id: string }[] } | undefined) => read?.entries.map((entry) => entry.id);

describe('AnnouncedChanges', () => {
  let clock = 0;
  const log = (maxEntries = 100, maxBytes = 1_000_000) =>
    new AnnouncedChanges({ maxEntries, maxBytes, holeTimeoutMs: 1000 }, () => clock);

  beforeEach(() => {
    clock = 0;
  });

  it('cannot answer before anything was announced, nor below the first announcement', () => {
    const sut = log();
    expect(sut.read('acme', 0, 10)).toBeUndefined();
    sut.record(announce(5));
    expect(sut.read('acme', 3, 10)).toBeUndefined();
    expect(sut.read('acme', 4, 10)).toEqual({ entries: [announce(5).entry], upTo: 5 });
  });

  it('answers from where it was begun, before any announcement', () => {
    const sut = log();
    sut.begin(10);
    expect(sut.read('acme', 9, 10)).toBeUndefined();
    expect(sut.read('acme', 10, 10)).toEqual({ entries: [], upTo: 10 });
    sut.record(announce(11));
    expect(ids(sut.read('acme', 10, 10))).toEqual(['api-11']);
  });

  it("answers one org's entries in revision order, and nothing past a revision still to come", () => {
    const sut = log();
    sut.record(announce(1));
    sut.record(announce(2, 'other'));
    sut.record(announce(4));
    expect(sut.read('acme', 0, 10)).toEqual({ entries: [announce(1).entry], upTo: 2 });
    sut.record(announce(3));
    expect(ids(sut.read('acme', 0, 10))).toEqual(['api-1', 'api-3', 'api-4']);
    expect(sut.read('acme', 0, 10)?.upTo).toBe(4);
    expect(sut.read('other', 1, 10)).toEqual({ entries: [announce(2, 'other').entry], upTo: 4 });
  });

  it('stops at the limit, with upTo at the last entry returned', () => {
    const sut = log();
    for (let rev = 1; rev <= 6; rev++) sut.record(announce(rev));
    expect(sut.read('acme', 0, 2)).toEqual({ entries: [announce(1).entry, announce(2).entry], upTo: 2 });
    expect(ids(sut.read('acme', 2, 10))).toEqual(['api-3', 'api-4', 'api-5', 'api-6']);
  });

  it('does not wait for a revision said to be unused, nor returns anything for it', () => {
    const sut = log(3);
    sut.record(announce(1));
    sut.record(announce(3));
    expect(sut.read('acme', 0, 10)?.upTo).toBe(1);
    sut.skip(2);
    expect(sut.read('acme', 0, 10)).toEqual({ entries: [announce(1).entry, announce(3).entry], upTo: 3 });
    clock = 5000;
    sut.record(announce(4));
    expect(ids(sut.read('acme', 2, 10))).toEqual(['api-3', 'api-4']);
    expect(sut.read('acme', 0, 10)).toBeUndefined();
  });

  it('gives up on a hole that outlasts the time-out, and answers again above it', () => {
    const sut = log();
    sut.record(announce(1));
    sut.record(announce(3));
    clock = 999;
    expect(sut.read('acme', 0, 10)?.upTo).toBe(1);
    clock = 1000;
    expect(sut.read('acme', 0, 10)).toBeUndefined();
    expect(sut.read('acme', 3, 10)).toEqual({ entries: [], upTo: 3 });
    sut.record(announce(2));
    sut.record(announce(4));
    expect(sut.read('acme', 3, 10)).toEqual({ entries: [announce(4).entry], upTo: 4 });
  });

  it('treats revisions the database has handed out but nobody announced as a hole', () => {
    const sut = log();
    sut.record(announce(1));
    sut.observeHighest(2);
    clock = 1000;
    expect(sut.read('acme', 0, 10)).toBeUndefined();
    expect(sut.read('acme', 2, 10)).toEqual({ entries: [], upTo: 2 });
  });

  it('a late announcement filling the hole in time keeps the log whole', () => {
    const sut = log();
    sut.record(announce(1));
    sut.observeHighest(2);
    clock = 500;
    sut.record(announce(2));
    clock = 5000;
    expect(ids(sut.read('acme', 0, 10))).toEqual(['api-1', 'api-2']);
  });

  it('holds at most maxEntries, sending older reads to the database', () => {
    const sut = log(3);
    for (let rev = 1; rev <= 5; rev++) sut.record(announce(rev));
    expect(sut.size).toBe(3);
    expect(sut.read('acme', 1, 10)).toBeUndefined();
    expect(ids(sut.read('acme', 2, 10))).toEqual(['api-3', 'api-4', 'api-5']);
  });

  it('holds at most maxBytes: one tenant writing big definitions costs others memory, never correctness', () => {
    const sut = log(100, 1000);
    sut.record(announce(1, 'other'));
    for (let rev = 2; rev <= 4; rev++) sut.record(announce(rev, 'acme', `big-${rev}`, 400));
    expect(sut.read('other', 0, 10)).toBeUndefined();
    expect(ids(sut.read('acme', 2, 10))).toEqual(['big-3', 'big-4']);
  });

  it('gives up on a hole at once when the entries waiting behind it alone exceed the bound', () => {
    const sut = log(100, 1000);
    sut.record(announce(1));
    for (let rev = 3; rev <= 5; rev++) sut.record(announce(rev, 'acme', `big-${rev}`, 400));
    expect(sut.read('acme', 1, 10)).toBeUndefined();
    expect(sut.read('acme', 5, 10)).toEqual({ entries: [], upTo: 5 });
  });

  it("reads one org's entries among many others'", () => {
    const sut = log(10_000);
    for (let rev = 1; rev <= 5_000; rev++) sut.record(announce(rev, rev % 1000 === 0 ? 'acme' : 'busy'));
    expect(ids(sut.read('acme', 1500, 10))).toEqual(['api-2000', 'api-3000', 'api-4000', 'api-5000']);
    expect(sut.read('acme', 1500, 2)).toEqual({
      entries: [announce(2000).entry, announce(3000).entry],
      upTo: 3000,
    });
  });
});
