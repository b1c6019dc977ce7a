import type { AppName } from '../app-process';
import { deployFile } from './deploy-tools';

/** Where each app answers /health by default (docs/configuration.md), as the images' health check asks. */
const HEALTH_PORT: Record<AppName, number> = { dashboard: 3000, bridge: 3100, gateway: 8080, pump: 8083 };
const APPS = Object.keys(HEALTH_PORT) as AppName[];

/** One Dockerfile instruction per entry, continuation lines joined. */
function instructions(app: AppName): { keyword: string; args: string }[] {
  return deployFile('docker', `${app}.Dockerfile`)
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...args] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: args.join(' ') };
    });
}

/**
 * deploy/docker/<app>.Dockerfile cannot be built here (no Docker engine, no base images); what it promises
 * is checked from its text: a build stage that runs tools/release/package.sh, a final stage that copies
 * exactly that tree and runs it as a numeric non-root user with a health check on /health.
 */
describe.each(APPS)('deploy/docker/%s.Dockerfile', (app) => {
  const all = instructions(app);
  const final = all.slice(all.map((i) => i.keyword).lastIndexOf('FROM'));
  const args = (keyword: string) => final.filter((i) => i.keyword === keyword).map((i) => i.args);

  it('packages the app in a build stage and copies only its packaged tree into the final one', () => {
    expect(all.filter((i) => i.keyword === 'FROM').map((i) => i.args)).toEqual([
      '${NODE_IMAGE} AS build',
      '${NODE_IMAGE}',
    ]);
    const build = all.slice(0, all.length - final.length);
    expect(build.map((i) => i.args)).toContain(`bash tools/release/package.sh ${app}`);
    expect(args('COPY')).toEqual([`--from=build /src/dist/release/${app}/ /app/`]);
    expect(args('RUN')).toEqual([]);
    expect(args('CMD')).toEqual(['["node", "main.js"]']);
  });

  it('runs as a numeric non-root user, writing nothing but /tmp, stopped by SIGTERM', () => {
    expect(args('USER')).toEqual(['10001:10001']);
    expect(args('VOLUME')).toEqual(['["/tmp"]']);
    expect(args('STOPSIGNAL')).toEqual(['SIGTERM']);
    expect(args('EXPOSE').join(' ').split(' ')).toContain(String(HEALTH_PORT[app]));
  });

  it('checks /health with node and fetch (no curl in a slim image)', () => {
    expect(args('ENV')).toContain(`HEALTHCHECK_URL=http://127.0.0.1:${HEALTH_PORT[app]}/health`);
    const [healthcheck] = args('HEALTHCHECK');
    expect(healthcheck).toMatch(
      /^--interval=\S+ --timeout=\S+ --start-period=\S+ --retries=\d+ CMD \["node", "-e", "fetch\(process\.env\.HEALTHCHECK_URL\)/,
    );
  });

  it('keeps the build context free of local installs, builds and secrets', () => {
    const ignored = deployFile('docker', `${app}.Dockerfile.dockerignore`).split('\n');
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', 'dist', '.cache', 'deploy/compose/secrets']),
    );
  });
});
