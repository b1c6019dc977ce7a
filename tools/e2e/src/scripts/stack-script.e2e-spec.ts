import { repoRoot, SYSTEM_PATH, temporaryDirectory } from '@gatehouse/shared-testing';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = join(repoRoot(), 'tools', 'stack', 'stack.sh');

/**
 * `tools/stack/stack.sh` on a stack folder of this test's own (GATEHOUSE_STACK_DIR), never the shared
 * one other tests run on; only services that need no install (Redis, Mosquitto from Debian).
 */
describe('tools/stack/stack.sh', () => {
  const stackDir = temporaryDirectory('gatehouse-stack-');
  const run = (args: string[], path = SYSTEM_PATH) => {
    const result = spawnSync('bash', [SCRIPT, ...args], {
      env: { PATH: path, GATEHOUSE_STACK_DIR: stackDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const described = () => JSON.parse(readFileSync(join(stackDir, 'run', 'stack.json'), 'utf8')) as object;
  const pidOf = (service: string) => Number(readFileSync(join(stackDir, 'run', service, 'pid'), 'utf8'));

  afterAll(() => {
    // `stop`, not `down`: names only this test's services even if the folder were somehow the shared one.
    run(['stop', 'redis-kept', 'redis-started', 'mosquitto']);
  });

  it('records the services it started, and stop stops exactly those', () => {
    expect(run(['up', 'redis-kept']).code).toBe(0);
    const record = join(stackDir, 'started');
    const up = run(['up', '--record', record, 'redis-kept', 'redis-started', 'mosquitto']);
    expect(up.code).toBe(0);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual(['redis-started', 'mosquitto']);
    expect(Object.keys(described()).sort()).toEqual(['mosquitto', 'redis-kept', 'redis-started']);

    const mosquitto = pidOf('mosquitto');
    // In a session of its own, so Ctrl-C on npm test or the demo does not reach it before the apps stop.
    expect(readFileSync(`/proc/${mosquitto}/comm`, 'utf8').trim()).toBe('mosquitto');
    expect(readFileSync(`/proc/${mosquitto}/stat`, 'utf8').split(') ')[1].split(' ')[3]).toBe(
      String(mosquitto),
    );

    expect(run(['stop', 'redis-started', 'mosquitto']).code).toBe(0);
    expect(existsSync(`/proc/${mosquitto}`)).toBe(false);
    expect(run(['status']).stdout).toMatch(/^redis-kept\s+up\s+redis:\/\/127\.0\.0\.1:\d+$/m);
    expect(described()).toEqual({ 'redis-kept': expect.stringMatching(/^redis:\/\//) });

    expect(run(['stop', 'redis-kept']).code).toBe(0);
    // Nothing left running: no description either, as after `down`.
    expect(existsSync(join(stackDir, 'run'))).toBe(false);
  });

  it('fails before installing anything, naming every missing prerequisite', () => {
    // A PATH with what stack.sh itself runs on, as a user without root, sudo, Go, Java or Maven.
    const bin = temporaryDirectory('gatehouse-stack-bin-');
    for (const tool of ['bash', 'dirname', 'mkdir', 'cat', 'node'])
      symlinkSync(
        spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim(),
        join(bin, tool),
      );
    writeFileSync(join(bin, 'id'), '#!/bin/sh\necho 1000\n');
    writeFileSync(join(bin, 'apt-get'), '#!/bin/sh\nexit 1\n');
    for (const tool of ['id', 'apt-get']) chmodSync(join(bin, tool), 0o755);

    const { code, stderr } = run(['up', 'mongo', 'kafka', 'mosquitto'], bin);
    expect(code).toBe(1);
    expect(stderr).toContain('root or sudo, for apt-get to install redis-server and mosquitto');
    expect(stderr).toContain('Go 1.22+ (go), to build FerretDB');
    expect(stderr).toContain('Java 17 (java), to run Kafka');
    expect(stderr).toContain('Maven (mvn), to fetch Kafka');
    expect(existsSync(join(stackDir, 'run'))).toBe(false);
  });
});
