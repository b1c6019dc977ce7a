import {
  freePort,
  repoRoot,
  stackService,
  startProcess,
  SYSTEM_PATH,
  uniqueName,
} from '@gatehouse/shared-testing';
import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';

const SCRIPT = join(repoRoot(), 'tools', 'demo', 'kafka-tail.cjs');

/** `node tools/demo/kafka-tail.cjs topic count seconds` against `brokers`; resolves with its exit and output. */
async function tail(brokers: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = startProcess(process.execPath, [SCRIPT, ...args], {
    PATH: SYSTEM_PATH,
    GATEHOUSE_STACK_KAFKA_BROKERS: brokers,
  });
  // The script's own deadline is at most 10 s here; past 20 s it hangs, which is the bug this guards.
  const timer = setTimeout(() => child.child.kill('SIGKILL'), 20_000);
  const code = await child.exited;
  clearTimeout(timer);
  return { code, output: child.output() };
}

/** The demo's Kafka tail (printed in the demo banner and docs/analytics.md) ends on its own. */
describe('tools/demo/kafka-tail.cjs', () => {
  const topic = uniqueName('kafka-tail');
  let brokers: string;

  beforeAll(async () => {
    brokers = stackService('kafka');
    const producer = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: [1, 2, 3, 4].map((n) => ({ value: JSON.stringify({ n }) })) });
    await producer.disconnect();
  });

  it('prints the first N records and exits 0', async () => {
    const { code, output } = await tail(brokers, topic, '3', '10');
    expect({ code, lines: output.trim().split('\n') }).toEqual({
      code: 0,
      lines: ['{"n":1}', '{"n":2}', '{"n":3}'],
    });
  });

  it('exits 1 saying how many records it saw when the topic holds fewer', async () => {
    const { code, output } = await tail(brokers, topic, '6', '4');
    expect(code).toBe(1);
    expect(output).toContain(`only 4 of 6 record(s) in ${topic} after 4 s`);
  });

  it('exits 1 with a message when Kafka cannot be reached in time', async () => {
    const { code, output } = await tail(`127.0.0.1:${await freePort()}`, topic, '3', '2');
    expect(code).toBe(1);
    expect(output).toMatch(/could not reach Kafka at 127\.0\.0\.1:\d+/);
  });
});
