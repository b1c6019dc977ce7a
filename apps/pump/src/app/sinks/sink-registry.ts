import type { Sink } from '@gatehouse/pump-core';
import { KafkaSink, MongoAggregateSink, MongoSink, StdoutSink } from '@gatehouse/pump-sinks';
import { MongoClient } from 'mongodb';

import type { SinkConfig } from '../pump.config';
import { bridgeMetaSchema, kafkaMetaSchema, mongoAggregateMetaSchema, mongoMetaSchema } from '../sink-meta';
import { BridgeSink } from './bridge.sink';

/** A sink ready to run, with what it needs done periodically and at shutdown. */
export interface OpenedSink {
  sink: Sink;
  /** Deletes expired records where the server has no TTL index (raw MongoDB records). */
  purge?: () => Promise<number>;
}

type Opener = (name: string, config: SinkConfig) => Promise<OpenedSink>;

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
    const meta = mongoMetaSchema.parse(config.meta);
    const { client, db } = await mongoDatabase(meta);
    const sink = new MongoSink(db, {
      collection: meta.collection_name,
      expireAfterSeconds: meta.expire_after_seconds,
    });
    const { purgeNeeded } = await sink.ensureIndexes();
    return { sink: withClient(sink, client), purge: purgeNeeded ? () => sink.purgeExpired() : undefined };
  },
  'mongo-aggregate': async (_name, config) => {
    const { client, db } = await mongoDatabase(mongoAggregateMetaSchema.parse(config.meta));
    const sink = new MongoAggregateSink(db);
    await sink.ensureIndexes();
    return { sink: withClient(sink, client) };
  },
  'mongo-pump-aggregate': (name, config) => openers['mongo-aggregate'](name, config),
  kafka: async (_name, config) => {
    const meta = kafkaMetaSchema.parse(config.meta);
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
    const meta = bridgeMetaSchema.parse(config.meta);
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
  hybrid: (name, config) => openers.bridge(name, config),
};

/** Opens the sink a `pumps` entry describes; its meta was validated with the config. */
export function openSink(name: string, config: SinkConfig): Promise<OpenedSink> {
  return openers[config.type](name, config);
}
