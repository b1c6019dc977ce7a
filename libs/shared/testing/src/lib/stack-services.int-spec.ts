import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import mqtt from 'mqtt';
import Redis from 'ioredis';

import { stackService } from './stack-services';
import { uniqueName } from './unique-names';
import { waitFor } from './wait-for';

/** Proves the stack gives tests the four real services, each usable on loopback. */
describe('tools/stack services', () => {
  it('Redis stores and returns a value', async () => {
    const redis = new Redis(stackService('redis'), { keyPrefix: `${uniqueName('stack')}:` });
    try {
      await redis.set('greeting', 'hello', 'EX', 60);
      expect(await redis.get('greeting')).toBe('hello');
    } finally {
      redis.disconnect();
    }
  });

  it('the MongoDB-compatible server keeps a unique index', async () => {
    const client = await MongoClient.connect(stackService('mongo'));
    const db = client.db(uniqueName('stack'));
    try {
      const items = db.collection<{ _id?: unknown; slug: string }>('items');
      await items.createIndex({ slug: 1 }, { unique: true });
      await items.insertOne({ slug: 'a' });
      await expect(items.insertOne({ slug: 'a' })).rejects.toMatchObject({ code: 11000 });
      expect(await items.countDocuments({ slug: 'a' })).toBe(1);
    } finally {
      await db.dropDatabase();
      await client.close();
    }
  });

  it('Mosquitto delivers a published message to a subscriber', async () => {
    const topic = `gatehouse/test/${uniqueName('mqtt')}`;
    const client = await mqtt.connectAsync(stackService('mosquitto'));
    try {
      const received: string[] = [];
      client.on('message', (_topic, payload) => received.push(payload.toString()));
      await client.subscribeAsync(topic, { qos: 1 });
      await client.publishAsync(topic, 'ping', { qos: 1 });
      await waitFor(() => received.length > 0, { description: 'the MQTT message' });
      expect(received).toEqual(['ping']);
    } finally {
      await client.endAsync();
    }
  });

  it('Kafka round-trips a record through a topic', async () => {
    const topic = uniqueName('kafka');
    const kafka = new Kafka({
      clientId: 'stack-int-spec',
      brokers: [stackService('kafka')],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'api-1', value: 'record-1' }] });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received: string[] = [];
      await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
      await waitFor(() => received.length > 0, { description: 'the Kafka record', timeoutMs: 30_000 });
      expect(received).toEqual(['record-1']);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  }, 60_000);

  it('fails with the command to run when a service is missing', () => {
    expect(() => stackService('nope' as never)).toThrow('npm run stack -- up nope');
  });
});
