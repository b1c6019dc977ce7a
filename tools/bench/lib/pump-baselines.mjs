// The pump benchmark's baselines: the documents and messages the sinks write, written straight from this
// process with one plain driver call per pump write (insertMany into MongoDB, a kafkajs producer send),
// and the Kafka topics the run uses.
import { performance } from 'node:perf_hooks';

import { entryRecords, RAW_EXPIRY_SECONDS, tykRecord } from './analytics-records.mjs';

const KAFKA_TIMEOUT_MS = 10_000;

/**
 * The stream's records, `perWrite` entries per batch: each batch is turned into the driver's payload by
 * `prepare` (not timed) and handed to `write` (timed). Stops at the first error, at `deadline` or once
 * `stopped()`.
 */
async function timedWrites(settings, prepare, write) {
  const { runId, entries, perEntry, t0, perWrite, deadline, stopped } = settings;
  let records = 0;
  let ms = 0;
  let error;
  for (let first = 0; first < entries && performance.now() < deadline && !stopped(); first += perWrite) {
    const batch = [];
    for (let entry = first; entry < Math.min(entries, first + perWrite); entry++)
      batch.push(...entryRecords(runId, entry, perEntry, t0));
    const payload = prepare(batch);
    const started = performance.now();
    try {
      await write(payload);
    } catch (failure) {
      error = failure.message;
      break;
    }
    ms += performance.now() - started;
    records += batch.length;
  }
  const seconds = ms / 1000;
  return {
    records,
    planned: entries * perEntry,
    seconds: Math.round(seconds * 100) / 100,
    records_per_s: seconds > 0 ? Math.round(records / seconds) : 0,
    records_per_call: perWrite * perEntry,
    error,
  };
}

/** insertMany of the raw sink's documents into `collection`, with the sink's indexes (query, expiry). */
export async function mongoBaseline(mongoUrl, database, collection, settings) {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const documents = client.db(database).collection(collection);
    await documents.createIndex({ org_id: 1, api_id: 1, timestamp: -1 });
    await documents.createIndex({ expireAt: 1 });
    const toDocument = (record) => {
      const { id, expireAt, ...rest } = tykRecord(record, RAW_EXPIRY_SECONDS);
      return { ...rest, _id: id, expireAt: new Date(expireAt) };
    };
    return await timedWrites(
      settings,
      (batch) => batch.map(toDocument),
      (batch) => documents.insertMany(batch, { ordered: false }),
    );
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** A kafkajs client set up as the pump's Kafka sink sets up its own. */
export async function kafkaClient(brokers) {
  const { Kafka, logLevel } = await import('kafkajs');
  return new Kafka({
    clientId: 'gatehouse-bench',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: KAFKA_TIMEOUT_MS,
    requestTimeout: KAFKA_TIMEOUT_MS,
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1000 },
  });
}

/** Producer sends of the Kafka sink's messages (keyed by API id, the record id in a header) to `topic`. */
export async function kafkaBaseline(kafka, topic, settings) {
  const producer = kafka.producer({ allowAutoTopicCreation: true, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    return await timedWrites(
      settings,
      (batch) =>
        batch.map((record) => ({
          key: record.api_id,
          value: JSON.stringify(tykRecord(record, 0)),
          headers: { 'record-id': record.id },
        })),
      (messages) => producer.send({ topic, messages, acks: -1, timeout: KAFKA_TIMEOUT_MS }),
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/** Creates (`create` true) or deletes `topics`, one partition each as the stack's broker defaults. */
export async function kafkaTopics(kafka, topics, create) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (create)
      await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
    else await admin.deleteTopics({ topics, timeout: 5000 });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
