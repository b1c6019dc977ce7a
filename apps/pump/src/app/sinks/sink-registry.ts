import type { Sink } from '@gatehouse/pump-core';
import {
  CsvSink,
  KafkaSink,
  MongoAggregateSink,
  MongoSink,
  parseHostPort,
  PrometheusSink,
  StatsdSink,
  StdoutSink,
} from '@gatehouse/pump-sinks';
import type { Registry } from '@gatehouse/shared-observability';
import { MongoClient } from 'mongodb';

import type { SinkConfig } from '../pump.config';
import { SINK_META_SCHEMAS as META } from '../sink-meta';
import { BridgeSink } from './bridge.sink';

/** A sink ready to run, with what it needs done periodically and at shutdown. */
export interface OpenedSink {
  sink: Sink;
  /** Deletes expired records where the server has no TTL index (raw MongoDB records). */
  purge?: () => Promise<number>;
}

/** What the pump lends its sinks. */
export interface SinkContext {
  /** The pump's metrics registry, which a prometheus sink adds Tyk's series to. */
  registry: Registry;
}

type Opener = (name: string, config: SinkConfig, context: SinkContext) => Promise<OpenedSink>;

async function mongoDatabase(meta: { mongo_url: string; mongo_database: string }) {
  const client = new MongoClient(meta.mongo_url, {
    appName: 'gatehouse-pump',
    serverSelectionTimeoutMS: 5000,
  });
  await client.connect();
  return { client, db: client.db(meta.mongo_database) };
}

/** Closes the sink's own MongoDB client after the sink. */
function withClient(sink: Sink, client: MongoClient): Sink {
  return {
    name: sink.name,
    write: (batches) => sink.write(batches),
    close: async () => {
      await sink.close?.();
      await client.close();
    },
  };
}

const openers: Record<SinkConfig['type'], Opener> = {
  mongo: async (_name, config) => {
    const meta = META.mongo.parse(config.meta);
    const { client, db } = await mongoDatabase(meta);
    const sink = new MongoSink(db, {
      collection: meta.collection_name,
      expireAfterSeconds: meta.expire_after_seconds,
    });
    const { purgeNeeded } = await sink.ensureIndexes();
    return { sink: withClient(sink, client), purge: purgeNeeded ? () => sink.purgeExpired() : undefined };
  },
  'mongo-aggregate': async (_name, config) => {
    const { client, db } = await mongoDatabase(META['mongo-aggregate'].parse(config.meta));
    const sink = new MongoAggregateSink(db);
    await sink.ensureIndexes();
    return { sink: withClient(sink, client) };
  },
  'mongo-pump-aggregate': (name, config, context) => openers['mongo-aggregate'](name, config, context),
  kafka: async (_name, config) => {
    const meta = META.kafka.parse(config.meta);
    return {
      sink: new KafkaSink({
        brokers: meta.broker,
        topic: meta.topic,
        clientId: meta.client_id,
        timeoutMs: config.timeout * 1000,
      }),
    };
  },
  stdout: async () => ({ sink: new StdoutSink() }),
  bridge: async (_name, config) => {
    const meta = META.bridge.parse(config.meta);
    return {
      sink: new BridgeSink({
        addresses: meta.connection_string
          .split(',')
          .map((address) => address.trim())
          .filter(Boolean),
        nodeToken: meta.api_key,
        groupId: meta.group_id,
        timeoutMs: config.timeout * 1000,
      }),
    };
  },
  hybrid: (name, config, context) => openers.bridge(name, config, context),
  csv: async (_name, config) => ({
    sink: new CsvSink({ directory: META.csv.parse(config.meta).csv_dir }),
  }),
  statsd: async (_name, config) => {
    const meta = META.statsd.parse(config.meta);
    const address = parseHostPort(meta.address);
    if (!address) throw new Error(`statsd address ${meta.address} is not host:port`);
    return {
      sink: new StatsdSink({
        ...address,
        fields: meta.fields,
        tags: meta.tags,
        separatedMethod: meta.separated_method,
      }),
    };
  },
  prometheus: async (_name, config, { registry }) => {
    const meta = META.prometheus.parse(config.meta);
    return {
      sink: new PrometheusSink(registry, {
        trackAllPaths: meta.track_all_paths,
        disabledMetrics: meta.disabled_metrics,
      }),
    };
  },
};

/** Opens the sink a `pumps` entry describes; its meta was validated with the config. */
export function openSink(name: string, config: SinkConfig, context: SinkContext): Promise<OpenedSink> {
  return openers[config.type](name, config, context);
}
