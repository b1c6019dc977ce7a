// The services from tools/stack that the benchmarks run against (by default the propagation benchmark's:
// Mongo, the control plane's Redis and one Redis per region), and removing what a run left in them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { log } from './log.mjs';
import { root } from './repo.mjs';

const SERVICES = ['redis', 'mongo', 'redis-eu', 'redis-us'];
const REGIONAL_REDIS = ['redis-eu', 'redis-us'];
// Short timeouts: a service that is down must fail the run, or the clean-up, in seconds, not hang it.
const REDIS_OPTIONS = { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 };

/** Starts `services` with tools/stack/stack.sh and returns their addresses from its stack.json. */
export function stackAddresses(timeoutMs, services = SERVICES) {
  log(`starting the stack: ${services.join(' ')}`);
  execFileSync('bash', [join(root, 'tools/stack/stack.sh'), 'up', ...services], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: timeoutMs,
  });
  const stack = JSON.parse(readFileSync(join(root, '.cache/stack/run/stack.json'), 'utf8'));
  for (const service of services)
    if (!stack[service]) throw new Error(`.cache/stack/run/stack.json has no ${service}`);
  return stack;
}

/** One connected ioredis client per entry of `urls` ({ name: url }), under the same names. */
export async function connectRedis(urls) {
  const { default: Redis } = await import('ioredis');
  const clients = {};
  for (const [name, url] of Object.entries(urls)) {
    clients[name] = new Redis(url, REDIS_OPTIONS);
    await clients[name].connect();
  }
  return clients;
}

/** Runs one clean-up step: a failure, or taking over 5 s, is logged and does not stop the next step. */
export function bestEffort(what, work) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), 5000);
  });
  return Promise.race([work(), timeout])
    .catch((error) => log(`clean-up: ${error.message}`))
    .finally(() => clearTimeout(timer));
}

/** Drops `database` in the stack's Mongo; best effort. */
export async function dropDatabase(mongoUrl, database) {
  const { MongoClient } = await import('mongodb');
  const mongo = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 3000 });
  await bestEffort(`dropping database ${database}`, async () => {
    await mongo.connect();
    await mongo.db(database).dropDatabase();
  });
  await mongo.close().catch(() => undefined);
}

/** Drops the run's database and deletes its regional Redis keys; best effort, each step at most 5 s. */
export async function dropRunData({ stack, database, prefix }) {
  const { default: Redis } = await import('ioredis');
  for (const service of REGIONAL_REDIS) {
    const redis = new Redis(stack[service], REDIS_OPTIONS);
    await bestEffort(`deleting ${prefix}* in ${service}`, async () => {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    });
    redis.disconnect();
  }
  await dropDatabase(stack.mongo, database);
}
