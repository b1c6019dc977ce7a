import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import {
  AnnouncementSeal,
  ApiRepository,
  CatalogueChangeLog,
  ChangeLogHorizon,
  connectMongo,
  GatewayGroupRepository,
  GatewayNodeRepository,
  KeyHashingAgreement,
  KeyRepository,
  mongoProbe,
  NodeTokenRepository,
  PolicyRepository,
  Revisions,
} from '@gatehouse/shared-control-plane-db';
import { AnalyticsIntakeStream, connectRedis, redisProbe, redisTargetOf } from '@gatehouse/shared-redis';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-kernel';
import { OrgKeyHashing } from '@gatehouse/shared-tyk-compat';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';
import {
  bridgeProtoPath,
  GATEHOUSE_BRIDGE_V1_PACKAGE_NAME,
  GRPC_LOADER_OPTIONS,
} from '@gatehouse/shared-proto';
import { GrpcOptions, Transport } from '@nestjs/microservices';

import { BridgeConfig } from './bridge.config';
import { followAnnouncements } from './announcement-feed';
import { BridgeModule } from './bridge.module';
import { bridgeAdmission } from './bridge-admission';
import { bridgeMetrics } from './bridge-metrics';
import { grpcServerTlsOf } from './bridge-tls';

export interface RunningBridge {
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

/** Starts the bridge (gRPC for nodes, HTTP for health and metrics); used by main.ts and tests. */
export async function startBridge(config: BridgeConfig, logger: Logger): Promise<RunningBridge> {
  const mongo = await connectMongo({ ...config.mongo, appName: 'bridge' });
  const keyHashing = new OrgKeyHashing(config.keyHashing);
  await new KeyHashingAgreement(mongo.db).confirm(keyHashing.fingerprint).catch(async (error: unknown) => {
    await mongo.client.close();
    throw error;
  });
  const revisions = new Revisions(mongo.db);
  const catalogue = {
    apis: new ApiRepository(mongo.db, revisions),
    policies: new PolicyRepository(mongo.db, revisions),
    keys: new KeyRepository(mongo.db, revisions),
  };
  // Bridges may start before any dashboard: the indexes their reads rely on are theirs to ensure too.
  await Promise.all([
    new NodeTokenRepository(mongo.db).ensureIndexes(),
    new GatewayGroupRepository(mongo.db).ensureIndexes(),
    new GatewayNodeRepository(mongo.db).ensureIndexes(),
    ...Object.values(catalogue).map((collection) => collection.ensureIndexes()),
  ]);
  const redis = await connectRedis(
    { ...redisTargetOf(config.redis), connectionName: 'gatehouse-bridge' },
    config.redis.startupTimeoutMs,
  ).catch(async (error: unknown) => {
    await mongo.client.close();
    throw error;
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const registry = createMetricsRegistry('bridge');
  const metrics = bridgeMetrics(registry);
  const feed = await followAnnouncements(
    redis,
    await AnnouncementSeal.of(mongo.db),
    revisions,
    config.watch.pollMs,
    logger,
  );
  const app = await createHttpApp({
    logger,
    component: { name: 'bridge', version: GATEHOUSE_VERSION },
    registry,
    probes: [mongoProbe(mongo.db), redisProbe(redis)],
    imports: [
      BridgeModule.forRoot({
        db: mongo.db,
        changeLog: new CatalogueChangeLog({
          ...catalogue,
          revisions,
          horizon: new ChangeLogHorizon(mongo.db),
        }),
        announced: feed.announced,
        signals: feed.signals,
        watch: { ...config.watch, pageSize: 500 },
        analytics: new AnalyticsIntakeStream(redis, config.analytics),
        metrics,
        admission: bridgeAdmission(config.limits, metrics),
        keyHashing,
        logger,
      }),
    ],
  });
  const grpcAddress = `${config.grpc.host}:${config.grpc.port}`;
  const tls = await grpcServerTlsOf(config.grpc, logger);
  app.connectMicroservice<GrpcOptions>({
    transport: Transport.GRPC,
    options: {
      package: GATEHOUSE_BRIDGE_V1_PACKAGE_NAME,
      protoPath: bridgeProtoPath(),
      url: grpcAddress,
      loader: GRPC_LOADER_OPTIONS,
      keepalive: { keepaliveTimeMs: 30_000, keepaliveTimeoutMs: 10_000, keepalivePermitWithoutCalls: 1 },
      credentials: tls?.credentials,
    },
  });
  await app.startAllMicroservices();
  const httpUrl = await listen(app, config.http.host, config.http.port);
  return {
    httpUrl,
    grpcAddress,
    close: async () => {
      feed.stop();
      await app.close();
      tls?.close();
      await Promise.all([mongo.client.close(), redis.quit().catch(() => redis.disconnect())]);
    },
  };
}
