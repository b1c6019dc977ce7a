// Prints the first records of a Kafka topic, one JSON line each: `node tools/demo/kafka-tail.cjs [topic] [count]`.
// The broker comes from the running stack (.cache/stack/run/stack.json).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { Kafka, logLevel } = require('kafkajs');

const topic = process.argv[2] ?? 'gatehouse-analytics';
const count = Number(process.argv[3] ?? 5);
const broker = JSON.parse(readFileSync(join(__dirname, '../../.cache/stack/run/stack.json'), 'utf8')).kafka;
const consumer = new Kafka({
  clientId: 'kafka-tail',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
}).consumer({
  groupId: `kafka-tail-${process.pid}`,
});

async function main() {
  let seen = 0;
  const timer = setTimeout(() => finish(`only ${seen} record(s) in ${topic} after 15 s`), 15_000);
  async function finish(message) {
    clearTimeout(timer);
    if (message) console.error(message);
    await consumer.disconnect();
    process.exit(message ? 1 : 0);
  }
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (seen >= count) return;
      seen++;
      console.log(String(message.value));
      if (seen === count) await finish();
    },
  });
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
