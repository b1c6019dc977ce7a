// The streams benchmark's baseline: the least a program can do to serve a Kafka topic to WebSocket
// clients. One kafkajs consumer (its own group, from the beginning) broadcasting each message with `ws`
// to every connected client. Usage: node streams-baseline.mjs <port> <brokers> <topic>. Prints
// "ready" once it has joined its group and listens.
import { Kafka, logLevel } from 'kafkajs';
import { WebSocketServer } from 'ws';

const [port, brokers, topic] = process.argv.slice(2);
const server = new WebSocketServer({ port: Number(port), host: '127.0.0.1' });
const kafka = new Kafka({
  clientId: 'bench-baseline',
  brokers: brokers.split(','),
  logLevel: logLevel.NOTHING,
});
const consumer = kafka.consumer({ groupId: `bench-baseline-${topic}` });
consumer.on(consumer.events.GROUP_JOIN, () => console.log('ready'));
await consumer.connect();
await consumer.subscribe({ topics: [topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ message }) => {
    const data = message.value.toString();
    for (const client of server.clients) if (client.readyState === 1) client.send(data);
  },
});
process.on('SIGTERM', async () => {
  await consumer.disconnect();
  process.exit(0);
});
