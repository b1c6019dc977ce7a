import { parseStreaming, StreamSpec } from '@gatehouse/shared-streams';

import { ManualTail, MemoryLog } from './consumers/consumers.spec-helper';
import type { ConnectorFactory, InputConnector, StreamStorage } from './ports';
import type { StreamMetrics } from './stream-metrics';
import { StreamSupervisor } from './stream-supervisor';

function streams(value: unknown): StreamSpec[] {
  const parsed = parseStreaming(value);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.streams;
}

const kafkaStream = (topic: string, mapping = 'root = this') => ({
  input: { kafka: { addresses: ['127.0.0.1:9092'], topics: [topic] } },
  pipeline: { processors: [{ mapping }] },
  output: { http_server: {} },
});

const metrics = new Proxy({}, { get: () => () => undefined }) as StreamMetrics;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Records which inputs started and stopped; `failStarts` inputs throw that many times first. */
function recordingConnectors(failStarts = 0) {
  const events: string[] = [];
  let failures = failStarts;
  const factory: ConnectorFactory = {
    input: (input) => {
      const topic = input.type === 'kafka' ? input.config.topics[0] : input.type;
      const connector: InputConnector = {
        start: async () => {
          if (failures-- > 0) throw new Error('broker down');
          events.push(`start ${topic}`);
        },
        stop: async () => void events.push(`stop ${topic}`),
      };
      return connector;
    },
    output: () => ({ write: async () => undefined, close: async () => undefined }),
  };
  return { factory, events };
}

const storage: StreamStorage = {
  log: () => new MemoryLog(),
  group: () => {
    throw new Error('no remote outputs in these specs');
  },
  lease: () => {
    throw new Error('no leased inputs in these specs');
  },
  tail: new ManualTail(),
};

function supervisor(connectors: ConnectorFactory) {
  return new StreamSupervisor({ storage, connectors, metrics, logger: silent, region: 'eu', nodeId: 'n1' });
}

const lookup = (apis: { apiId: string; orgId: string; streams: StreamSpec[] }[]) => (apiId: string) =>
  apis.find((api) => api.apiId === apiId);

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A region's consumer groups that record when each output's group is created, beside the inputs' starts. */
function recordingGroups(events: string[]): StreamStorage {
  return {
    ...storage,
    log: () => {
      const log = new MemoryLog();
      const append = log.append.bind(log);
      log.append = async (content: string) => {
        events.push(`append ${content}`);
        return append(content);
      };
      return log;
    },
    group: (_key, group) => ({
      // Created once, like Redis's XGROUP CREATE answered BUSYGROUP after the first.
      ensureGroup: async () => {
        if (!events.includes(`group ${group}`)) events.push(`group ${group}`);
      },
      read: async () => [],
      ack: async () => undefined,
      deadLetter: async () => undefined,
      lag: async () => 0,
    }),
  };
}

describe(StreamSupervisor.name, () => {
  it("creates each output's consumer group before its input starts (a later group would skip what came before)", async () => {
    const { factory, events } = recordingConnectors();
    const sut = new StreamSupervisor({
      storage: recordingGroups(events),
      connectors: factory,
      metrics,
      logger: silent,
      region: 'eu',
      nodeId: 'n1',
    });
    const written = {
      input: { kafka: { addresses: ['127.0.0.1:9092'], topics: ['tw'] } },
      output: { http_client: { url: 'http://127.0.0.1:9/hook' } },
    };
    const api = { apiId: 'w', orgId: 'o', streams: streams({ streams: { s: written } }) };
    try {
      sut.applyAll([api], lookup([api]));
      await settle();
      expect(events).toEqual(['group out.0.http_client', 'start tw']);
    } finally {
      await sut.close();
    }
  });

  it('creates the groups before appending a message published while the stream is still starting', async () => {
    const events: string[] = [];
    const sut = new StreamSupervisor({
      storage: recordingGroups(events),
      connectors: recordingConnectors().factory,
      metrics,
      logger: silent,
      region: 'eu',
      nodeId: 'n1',
    });
    const published = {
      input: { http_server: { path: '/publish' } },
      output: { http_client: { url: 'http://127.0.0.1:9/hook' } },
    };
    const api = { apiId: 'p', orgId: 'o', streams: streams({ streams: { s: published } }) };
    try {
      sut.applyAll([api], lookup([api]));
      // The publish endpoint finds the stream at once, before its start has run.
      await sut.find('p', 's')?.ingest('first', {});
      expect(events).toEqual(['group out.0.http_client', 'append first']);
    } finally {
      await sut.close();
    }
  });

  it('keeps unchanged streams running through a full build, restarts a changed one and stops a removed one', async () => {
    const { factory, events } = recordingConnectors();
    const sut = supervisor(factory);
    const a = { apiId: 'a', orgId: 'o', streams: streams({ streams: { s: kafkaStream('ta') } }) };
    const b = { apiId: 'b', orgId: 'o', streams: streams({ streams: { s: kafkaStream('tb') } }) };
    sut.applyAll([a, b], lookup([a, b]));
    await settle();
    expect(events.sort()).toEqual(['start ta', 'start tb']);
    events.length = 0;
    // A rebuild compiles new spec objects from the same documents: nothing restarts.
    const aAgain = { ...a, streams: streams({ streams: { s: kafkaStream('ta') } }) };
    const bChanged = { ...b, streams: streams({ streams: { s: kafkaStream('tb', 'root = this.body') } }) };
    sut.applyAll([aAgain, bChanged], lookup([aAgain, bChanged]));
    await settle();
    expect(events).toEqual(['stop tb', 'start tb']);
    events.length = 0;
    sut.applyAll([bChanged], lookup([bChanged]));
    await settle();
    expect(events).toEqual(['stop ta']);
    expect(sut.find('a', 's')).toBeUndefined();
    await sut.close();
    expect(events).toEqual(['stop ta', 'stop tb']);
  });

  it('retries a stream that fails to start, reporting the error meanwhile, without touching others', async () => {
    const { factory, events } = recordingConnectors(1);
    const sut = supervisor(factory);
    sut.applyApi('a', { apiId: 'a', orgId: 'o', streams: streams({ streams: { s: kafkaStream('ta') } }) });
    await settle();
    expect(sut.statuses()).toEqual([
      expect.objectContaining({
        api_id: 'a',
        stream: 's',
        state: 'failing',
        last_error: 'start: broker down',
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(events).toContain('start ta');
    await sut.close();
  });

  it("holds an org to its maximum of streams on this gateway, starting a waiting one when one of the org's stops", async () => {
    const { factory, events } = recordingConnectors();
    const sut = new StreamSupervisor(
      { storage, connectors: factory, metrics, logger: silent, region: 'eu', nodeId: 'n1' },
      1,
    );
    const api = (apiId: string, orgId: string, topic: string) => ({
      apiId,
      orgId,
      streams: streams({ streams: { s: kafkaStream(topic) } }),
    });
    const all = [api('a', 'greedy', 'ta'), api('b', 'greedy', 'tb'), api('c', 'other', 'tc')];
    sut.applyAll(all, lookup(all));
    await settle();
    expect(events.sort()).toEqual(['start ta', 'start tc']);
    expect(sut.statuses()).toContainEqual(
      expect.objectContaining({
        api_id: 'b',
        state: 'failing',
        last_error: expect.stringContaining('maximum of 1'),
      }),
    );
    events.length = 0;
    sut.applyApi('a', undefined);
    await settle();
    expect(events).toEqual(['stop ta', 'start tb']);
    expect(
      sut
        .statuses()
        .map((status) => [status.api_id, status.state])
        .sort(),
    ).toEqual([
      ['b', 'running'],
      ['c', 'running'],
    ]);
    await sut.close();
  });
});
