// Prints the first records of a Kafka topic, one JSON line each, and exits:
//   node tools/demo/kafka-tail.cjs [topic] [count] [seconds]
// Exits 0 once `count` records are printed; 1 with a message when Kafka cannot be reached, or the topic
// holds fewer records, within `seconds` (default 15). The broker is $GATEHOUSE_STACK_KAFKA_BROKERS when
// set, else the running stack's (.cache/stack/run/stack.json).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Kafka, logLevel } = require('kafkajs');

const topic = process.argv[2] ?? 'gatehouse-analytics';
const count = Number(process.argv[3] ?? 5);
const seconds = Number(process.argv[4] ?? 15);
// kafkajs's disconnect waits for the consumer to leave its group; a broker that went away must not hold
// the exit up.
const DISCONNECT_MS = 3000;

function brokers() {
  const fromEnv = process.env.GATEHOUSE_STACK_KAFKA_BROKERS;
  if (fromEnv) return fromEnv.split(',');
  try {
    const stack = JSON.parse(readFileSync(join(__dirname, '../../.cache/stack/run/stack.json'), 'utf8'));
    if (stack.kafka) return [stack.kafka];
  } catch {
    // Reported below, the same as a stack without Kafka.
  }
  fail(
    'Kafka is not running: start it with `npm run stack -- up kafka` (or set GATEHOUSE_STACK_KAFKA_BROKERS)',
  );
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!Number.isInteger(count) || count < 1)
  fail(`count must be a whole number above 0, not ${process.argv[3]}`);
if (!(seconds > 0)) fail(`seconds must be a number above 0, not ${process.argv[4]}`);

const addresses = brokers();
const consumer = new Kafka({
  clientId: 'kafka-tail',
  brokers: addresses,
  logLevel: logLevel.NOTHING,
}).consumer({
  groupId: `kafka-tail-${process.pid}`,
});

let seen = 0;
let connected = false;
let finishing = false;

/** Leaves the group (bounded) and exits: 0 without a message, 1 with one. */
async function finish(message) {
  if (finishing) return;
  finishing = true;
  clearTimeout(deadline);
  if (message) console.error(message);
  await Promise.race([consumer.disconnect().catch(() => undefined), delay(DISCONNECT_MS)]);
  process.exit(message ? 1 : 0);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

const deadline = setTimeout(
  () =>
    finish(
      connected
        ? `only ${seen} of ${count} record(s) in ${topic} after ${seconds} s`
        : `could not reach Kafka at ${addresses.join(',')} within ${seconds} s`,
    ),
  seconds * 1000,
);

async function main() {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  connected = true;
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (seen >= count) return;
      seen++;
      console.log(String(message.value));
      // Not awaited: disconnect waits for this handler to return, so awaiting it here never finished.
      if (seen === count) setImmediate(() => void finish());
    },
  });
}

main().catch((error) =>
  finish(connected ? error.message : `could not reach Kafka at ${addresses.join(',')}: ${error.message}`),
);
