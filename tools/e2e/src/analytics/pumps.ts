import { freePort, stackService, StartedProcess } from '@gatehouse/shared-testing';

import { startApp, waitForHealthy } from '../app-process';
import type { RegionName, Topology } from '../multi-region/topology';

export interface RunningPump {
  process: StartedProcess;
  url: string;
}

async function startPump(env: Record<string, string>): Promise<RunningPump> {
  const port = await freePort();
  const process = startApp('pump', { GATEHOUSE_PUMP_HTTP_PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealthy(process, `${url}/health`);
  return { process, url };
}

/** A region's pump: drains the gateways' stream to the control plane through the bridges. */
export function startRegionalPump(topology: Topology, region: RegionName): Promise<RunningPump> {
  const { redisUrl, addresses, nodeToken } = topology.regions[region];
  return startPump({
    GATEHOUSE_PUMP_REDIS_URL: redisUrl,
    GATEHOUSE_PUMP_STREAM_NAME: topology.regionalAnalyticsStream,
    GATEHOUSE_PUMP_STREAM_CONSUMER: `pump-${region}`,
    GATEHOUSE_PUMP_STREAM_BLOCK_MS: '200',
    // A partition lasts seconds here; the pump keeps retrying rather than dead-lettering.
    GATEHOUSE_PUMP_RETRY_MAX_ATTEMPTS: '1000',
    GATEHOUSE_PUMP_RETRY_BACKOFF_MS: '100',
    GATEHOUSE_PUMP_RETRY_MAX_BACKOFF_MS: '500',
    GATEHOUSE_PUMP_PUMPS: JSON.stringify({
      control_plane: {
        type: 'hybrid',
        timeout: 3,
        meta: {
          connection_string: addresses.join(','),
          api_key: nodeToken,
          group_id: region,
          ...topology.tls.pumpMeta(region),
        },
      },
    }),
  });
}

/** The central pump: drains the control plane's stream into MongoDB (raw and aggregated) and Kafka. */
export function startCentralPump(topology: Topology, kafkaTopic: string): Promise<RunningPump> {
  const mongo = { mongo_url: stackService('mongo'), mongo_database: topology.database };
  return startPump({
    GATEHOUSE_PUMP_REDIS_URL: stackService('redis'),
    GATEHOUSE_PUMP_STREAM_NAME: topology.analyticsStream,
    GATEHOUSE_PUMP_STREAM_CONSUMER: 'pump-central',
    GATEHOUSE_PUMP_STREAM_BLOCK_MS: '200',
    GATEHOUSE_PUMP_PUMPS: JSON.stringify({
      raw: { type: 'mongo', meta: mongo },
      aggregate: { type: 'mongo-pump-aggregate', meta: mongo },
      kafka: { type: 'kafka', timeout: 10, meta: { broker: [stackService('kafka')], topic: kafkaTopic } },
    }),
  });
}

/** A per-sink series of a pump's `/metrics` (e.g. `gatehouse_pump_write_retries_total`); 0 while absent. */
export async function pumpSeries(pump: RunningPump, series: string, sink: string): Promise<number> {
  const text = await (await fetch(`${pump.url}/metrics`)).text();
  const value = new RegExp(`^${series}\\{sink="${sink}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1];
  return value === undefined ? 0 : Number(value);
}
