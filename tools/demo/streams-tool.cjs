// Small clients for trying streams by hand (docs/streams.md and the demo banner):
//   node tools/demo/streams-tool.cjs ws-tail <ws-url> [count]        prints each WebSocket frame
//   node tools/demo/streams-tool.cjs kafka-produce <topic> <message...>
//   node tools/demo/streams-tool.cjs mqtt-publish <topic> <message...>
//   node tools/demo/streams-tool.cjs webhook-print <port> [count]     prints each body POSTed to it
// Brokers: $GATEHOUSE_STACK_KAFKA_BROKERS and $GATEHOUSE_STACK_MQTT_URL when set, else the running stack's
// (.cache/stack/run/stack.json). With a count, a command exits once it has printed that many.
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { join } = require('node:path');

function stack(service, variable) {
  if (process.env[variable]) return process.env[variable];
  try {
    const address = JSON.parse(readFileSync(join(__dirname, '../../.cache/stack/run/stack.json'), 'utf8'))[
      service
    ];
    if (address) return address;
  } catch {
    // reported below
  }
  console.error(
    `${service} is not running: start it with \`npm run stack -- up ${service}\` (or set ${variable})`,
  );
  process.exit(1);
}

function counter(count) {
  let seen = 0;
  return () => {
    seen++;
    if (count && seen >= count) setImmediate(() => process.exit(0));
  };
}

async function kafkaProduce(topic, messages) {
  const { Kafka, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'streams-tool',
    brokers: stack('kafka', 'GATEHOUSE_STACK_KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await producer.send({ topic, messages: messages.map((value) => ({ value })) });
  await producer.disconnect();
  console.log(`sent ${messages.length} message(s) to Kafka topic ${topic}`);
}

async function mqttPublish(topic, messages) {
  const mqtt = require('mqtt');
  const client = await mqtt.connectAsync(stack('mosquitto', 'GATEHOUSE_STACK_MQTT_URL'));
  for (const message of messages) await client.publishAsync(topic, message, { qos: 1 });
  await client.endAsync();
  console.log(`published ${messages.length} message(s) to MQTT topic ${topic}`);
}

function wsTail(url, count) {
  const WebSocket = require('ws');
  const socket = new WebSocket(url);
  const seen = counter(count);
  socket.on('open', () => console.error(`connected to ${url}`));
  socket.on('message', (data) => {
    console.log(data.toString());
    seen();
  });
  socket.on('unexpected-response', (_req, res) => {
    console.error(`refused: ${res.statusCode}`);
    process.exit(1);
  });
  socket.on('close', (code, reason) => {
    console.error(`closed: ${code} ${reason}`);
    process.exit(code === 1000 ? 0 : 1);
  });
  socket.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
}

function webhookPrint(port, count) {
  const seen = counter(count);
  createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      console.log(`${req.method} ${req.url} ${body}`);
      res.writeHead(200).end();
      seen();
    });
  }).listen(port, '127.0.0.1', () => console.error(`listening on http://127.0.0.1:${port}`));
}

const [command, first, ...rest] = process.argv.slice(2);
const commands = {
  'ws-tail': () => wsTail(first, Number(rest[0] ?? 0)),
  'kafka-produce': () => kafkaProduce(first, rest),
  'mqtt-publish': () => mqttPublish(first, rest),
  'webhook-print': () => webhookPrint(Number(first), Number(rest[0] ?? 0)),
};
if (!commands[command] || !first) {
  console.error(
    'usage: streams-tool.cjs ws-tail|kafka-produce|mqtt-publish|webhook-print ... (see the top of this file)',
  );
  process.exit(2);
}
Promise.resolve(commands[command]()).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
