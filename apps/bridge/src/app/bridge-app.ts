import { createHttpApp, listen } from '@gatehouse/shared-app-runtime';
import {
  connectMongo,
  GatewayGroupRepository,
  mongoProbe,
  NodeTokenRepository,
} from '@gatehouse/shared-control-store';
import { connectRedis, redisProbe } from '@gatehouse/shared-keyspace';
import { GATEHOUSE_VERSION } from '@gatehouse/shared-model';
import { createMetricsRegistry, Logger } from '@gatehouse/shared-observability';
import {
  bridgeProtoPath,
  GATEHOUSE_BRIDGE_V1_PACKAGE_NAME,
  GRPC_LOADER_OPTIONS,
} from '@gatehouse/shared-proto';
import { GrpcOptions, Transport } from '@nestjs/microservices';

import { BridgeConfig } from './bridge.config';
import { BridgeModule } from './bridge.module';

export interface RunningBridge {
  httpUrl: string;
  grpcAddress: string;
  close(): Promise<void>;
}

/** Starts the bridge (gRPC for nodes, HTTP for health and metrics); used by main.ts and tests. */
export async function startBridge(config: BridgeConfig, logger: Logger): Promise<RunningBridge> {
  const mongo = await connectMongo({ ...config.mongo, appName: 'bridge' });
  await Promise.all([
    new NodeTokenRepository(mongo.db).ensureIndexes(),
    new GatewayGroupRepository(mongo.db).ensureIndexes(),
  ]);
  const redis = await connectRedis(
    { url: config.redis.url, connectionName: 'gatehouse-bridge' },
    config.redis.startupTimeoutMs,
  ).catch(async (error: unknown) => {
    await mongo.client.close();
    throw error;
  });
  redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection problem'));
  const app = await createHttpApp({
    logger,
    component: { name: 'bridge', version: GATEHOUSE_VERSION },
    registry: createMetricsRegistry('bridge'),
    probes: [mongoProbe(mongo.db), redisProbe(redis)],
    imports: [BridgeModule.forRoot(mongo.db)],
  });
  const grpcAddress = `${config.grpc.host}:${config.grpc.port}`;
  app.connectMicroservice<GrpcOptions>({
    transport: Transport.GRPC,
    options: {
      package: GATEHOUSE_BRIDGE_V1_PACKAGE_NAME,
      protoPath: bridgeProtoPath(),
      url: grpcAddress,
      loader: GRPC_LOADER_OPTIONS,
      keepalive: { keepaliveTimeMs: 30_000, keepaliveTimeoutMs: 10_000, keepalivePermitWithoutCalls: 1 },
    },
  });
  await app.startAllMicroservices();
  const httpUrl = await listen(app, config.http.host, config.http.port);
  return {
    httpUrl,
    grpcAddress,
    close: async () => {
      await app.close();
      await Promise.all([mongo.client.close(), redis.quit().catch(() => redis.disconnect())]);
    },
  };
}
