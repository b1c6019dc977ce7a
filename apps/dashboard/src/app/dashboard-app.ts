import { DashboardApiModule, DashboardStores } from '@gatehouse/dashboard-api';
import {
  AnalyticsRepository,
  AuditRepository,
  CredentialThrottle,
  OrgRepository,
  TokenRepository,
  UserRepository,
} from '@gatehouse/dashboard-data-access';
import {
  AnnouncementSeal,
  ApiRepository,
  ChangeLogHorizon,
  ChangeNotifier,
  connectMongo,
  Db,
  GatewayGroupRepository,
  GatewayNodeRepository,
  KeyHashingAgreement,
  KeyRepository,
  mongoProbe,
  NodeTokenRepository,
  PolicyRepository,
  Revisions,
} from '@gatehouse/shared-control-plane-db';
import { createHttpApp, httpsListener, listen } from '@gatehouse/shared-app-runtime';
import { connectRedis, Redis, redisProbe, redisTargetOf } from '@gatehouse/shared-redis';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';

import { startChangeLogMaintenance } from './change-log-maintenance';
import { DatabaseUnavailableFilter } from './database-unavailable.filter';
import { consoleProblem, serveConsole } from './console-files';
import { DashboardConfig } from './dashboard.config';
import { writeAdmission } from './write-admission';

export const API_PREFIX = 'api/v1';

export interface RunningDashboard {
  url: string;
  /** Stops accepting requests, drains in-flight ones, then closes MongoDB and Redis. */
  close(): Promise<void>;
}

function hasIndexes(store: object): store is { ensureIndexes(): Promise<void> } {
  return typeof (store as { ensureIndexes?: unknown }).ensureIndexes === 'function';
}

/** Repositories over the connections; their indexes are created before the first request. */
async function openStores(db: Db, redis: Redis, revisions: Revisions): Promise<DashboardStores> {
  const stores: DashboardStores = {
    orgs: new OrgRepository(db),
    users: new UserRepository(db),
    tokens: new TokenRepository(db),
    apis: new ApiRepository(db, revisions),
    policies: new PolicyRepository(db, revisions),
    keys: new KeyRepository(db, revisions),
    gatewayGroups: new GatewayGroupRepository(db),
    nodeTokens: new NodeTokenRepository(db),
    gatewayNodes: new GatewayNodeRepository(db),
    audit: new AuditRepository(db),
    analytics: new AnalyticsRepository(db),
    changes: new ChangeNotifier(redis, await AnnouncementSeal.of(db)),
    credentialThrottle: new CredentialThrottle(redis),
  };
  // Every store that declares indexes gets them, so adding a store cannot forget its indexes.
  await Promise.all(
    Object.values(stores)
      .filter(hasIndexes)
      .map((store) => store.ensureIndexes()),
  );
  return stores;
}

/** Starts the dashboard; used by main.ts and by integration tests, which run the real thing in-process. */
export async function startDashboard(config: DashboardConfig, logger: Logger): Promise<RunningDashboard> {
  const consoleDir = config.console.dir;
  const badConsole = consoleDir === undefined ? undefined : consoleProblem(consoleDir);
  if (badConsole) throw new Error(badConsole);
  const mongo = await connectMongo({ ...config.mongo, appName: 'dashboard' });
  const redis = await connectRedis(
    {
      ...redisTargetOf(config.redis),
      connectionName: 'gatehouse-dashboard',
      keyPrefix: config.redis.keyPrefix,
    },
    config.redis.startupTimeoutMs,
  ).catch(async (error: unknown) => {
    await mongo.client.close();
    throw error;
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const keyHashing = new OrgKeyHashing(config.keyHashing);
  try {
    await new KeyHashingAgreement(mongo.db).confirm(keyHashing.fingerprint);
  } catch (error) {
    await Promise.all([mongo.client.close(), redis.quit().catch(() => redis.disconnect())]);
    throw error;
  }
  const revisions = new Revisions(mongo.db);
  const stores = await openStores(mongo.db, redis, revisions);
  const maintenance = startChangeLogMaintenance(
    [stores.apis, stores.policies, stores.keys],
    revisions,
    new ChangeLogHorizon(mongo.db),
    config.changeLogRetentionDays,
    logger,
  );
  const https = await httpsListener(config.http.tls, logger);
  const app = await createHttpApp({
    logger,
    https,
    component: { name: 'dashboard', version: GATEHOUSE_VERSION },
    registry: createMetricsRegistry('dashboard'),
    probes: [mongoProbe(mongo.db), redisProbe(redis)],
    imports: [
      DashboardApiModule.forRoot({
        stores,
        admission: writeAdmission(config.limits, redis),
        adminSecret: config.adminSecret,
        sessionHours: config.sessionHours,
        hashKeyFunction: config.hashKeyFunction,
        keyHashing,
      }),
    ],
  });
  app.useGlobalFilters(new DatabaseUnavailableFilter());
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'metrics'] });
  if (consoleDir !== undefined) await serveConsole(app, consoleDir, API_PREFIX);
  const url = await listen(app, config.http.host, config.http.port, https !== undefined);
  return {
    url,
    close: async () => {
      maintenance.stop();
      await app.close();
      https?.close();
      await Promise.all([mongo.client.close(), redis.quit().catch(() => redis.disconnect())]);
    },
  };
}
