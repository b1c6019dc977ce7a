import { GrpcClientTls, grpcClientTls } from '@gatehouse/shared-proto';
import { temporaryDirectory, TestCertificateAuthority } from '@gatehouse/shared-testing';

import type { RegionName } from './topology';

interface Files {
  certFile: string;
  keyFile: string;
}

/**
 * The topology's TLS, as production runs it: one CA made for the run, a server certificate for the
 * bridges (valid for 127.0.0.1, where the regions' fault proxies forward), and a client certificate per
 * region for mutual TLS (the bridges require one, beside the node token).
 */
export class TopologyTls {
  private constructor(
    readonly caFile: string,
    private readonly bridge: Files,
    private readonly clients: Record<RegionName, Files>,
  ) {}

  static async create(): Promise<TopologyTls> {
    const dir = temporaryDirectory('gatehouse-e2e-tls-');
    const ca = await TestCertificateAuthority.create('Gatehouse e2e CA');
    const issueTo = async (name: string, client: boolean) =>
      TestCertificateAuthority.writeFiles(
        dir,
        name,
        await ca.issue({ commonName: name, client, dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }),
      );
    return new TopologyTls(ca.writeCertFile(dir), await issueTo('bridge', false), {
      eu: await issueTo('gateways-eu', true),
      us: await issueTo('gateways-us', true),
    });
  }

  bridgeEnv(): Record<string, string> {
    return {
      GATEHOUSE_BRIDGE_GRPC_TLS_CERT_FILE: this.bridge.certFile,
      GATEHOUSE_BRIDGE_GRPC_TLS_KEY_FILE: this.bridge.keyFile,
      GATEHOUSE_BRIDGE_GRPC_TLS_CLIENT_CA_FILE: this.caFile,
    };
  }

  gatewayEnv(region: RegionName): Record<string, string> {
    return {
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_USE_SSL: 'true',
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CA_FILE: this.caFile,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_CERT_FILE: this.clients[region].certFile,
      GATEHOUSE_GATEWAY_SLAVE_OPTIONS_KEY_FILE: this.clients[region].keyFile,
    };
  }

  /** TLS for a test's own bridge client, as the region's gateways connect (close it when done). */
  clientTls(region: RegionName): Promise<GrpcClientTls> {
    return grpcClientTls({
      caFile: this.caFile,
      ...this.clients[region],
      serverName: '',
      insecureSkipVerify: false,
      reloadIntervalMs: 60_000,
      onRejected: () => undefined,
    });
  }

  /** A regional pump's bridge sink `meta` TLS settings. */
  pumpMeta(region: RegionName): Record<string, string | boolean> {
    return {
      use_ssl: true,
      ca_file: this.caFile,
      cert_file: this.clients[region].certFile,
      key_file: this.clients[region].keyFile,
    };
  }
}
