import {
  connectMongo,
  GatewayGroupRepository,
  MongoConnection,
  NodeTokenRepository,
} from '@gatehouse/shared-control-plane-db';
import { mintSecret } from '@gatehouse/shared-kernel';
import { createLogger } from '@gatehouse/shared-observability';
import {
  BridgeClient,
  grpcClientTls,
  GrpcClientTlsSettings,
  HandshakeRequest,
} from '@gatehouse/shared-proto';
import {
  freePort,
  stackService,
  temporaryDirectory,
  TestCertificateAuthority,
  TEST_KEY_HASHING_SECRET,
  uniqueName,
  waitFor,
} from '@gatehouse/shared-testing';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';

import { bridgeConfigSchema } from './bridge.config';
import { RunningBridge, startBridge } from './bridge-app';

const RELOAD_MS = 200;
/** Refused while connecting: no call reached the bridge (not an answer such as UNAUTHENTICATED). */
const REFUSED = { code: grpc.status.UNAVAILABLE };

describe('bridge over TLS and mutual TLS (real gRPC over loopback)', () => {
  const database = uniqueName('bridge-tls');
  const dir = temporaryDirectory('gatehouse-bridge-tls-');
  const token = mintSecret('ghn');
  const request: HandshakeRequest = {
    orgId: 'acme',
    groupId: 'eu',
    nodeId: 'gw-1',
    version: '0.1.0',
    tags: [],
  };
  let mongo: MongoConnection;
  let bridge: RunningBridge;
  let ca: TestCertificateAuthority;
  let caFile: string;
  let serverFiles: { certFile: string; keyFile: string };
  let gatewayFiles: { certFile: string; keyFile: string };
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create('Gatehouse test CA');
    caFile = ca.writeCertFile(dir);
    serverFiles = TestCertificateAuthority.writeFiles(
      dir,
      'bridge',
      await ca.issue({
        commonName: 'bridge',
        dnsNames: ['bridge.internal', 'localhost'],
        ipAddresses: ['127.0.0.1'],
      }),
    );
    gatewayFiles = TestCertificateAuthority.writeFiles(
      dir,
      'gateway',
      await ca.issue({ commonName: 'gateway eu', client: true }),
    );
    mongo = await connectMongo({ url: stackService('mongo'), database, appName: 'bridge-tls-int-spec' });
    await new GatewayGroupRepository(mongo.db).save({
      orgId: 'acme',
      groupId: 'eu',
      name: 'EU',
      region: 'eu',
      tags: [],
    });
    await new NodeTokenRepository(mongo.db).register(token, { orgId: 'acme', groupId: 'eu' });
    const config = bridgeConfigSchema.parse({
      keyHashing: { secret: TEST_KEY_HASHING_SECRET },
      grpc: {
        port: await freePort(),
        tls: { ...serverFiles, clientCaFile: caFile, reloadIntervalMs: RELOAD_MS },
      },
      http: { port: 0 },
      mongo: { url: stackService('mongo'), database },
      redis: { url: stackService('redis') },
    });
    bridge = await startBridge(config, createLogger({ name: 'bridge', level: 'silent', format: 'json' }));
  });

  afterAll(async () => {
    for (const close of closers) close();
    await bridge?.close();
    await mongo?.db.dropDatabase();
    await mongo?.client.close();
  });

  /** A bridge client as a gateway makes it (grpcClientTls is what slave_options.use_ssl builds). */
  async function client(settings: Partial<GrpcClientTlsSettings> = {}): Promise<BridgeClient> {
    const tls = await grpcClientTls({
      caFile,
      ...gatewayFiles,
      serverName: '',
      insecureSkipVerify: false,
      reloadIntervalMs: RELOAD_MS,
      onRejected: () => undefined,
      ...settings,
    });
    const created = new BridgeClient(bridge.grpcAddress, token, { tls, callTimeoutMs: 3000 });
    closers.push(
      () => created.close(),
      () => tls.close(),
    );
    return created;
  }

  it('admits a gateway that presents a client certificate from the trusted CA', async () => {
    await expect((await client()).handshake(request)).resolves.toMatchObject({ groupId: 'eu' });
    // The name the bridge's certificate carries, for addresses that do not (a load balancer's IP).
    const byName = await client({ serverName: 'bridge.internal' });
    await expect(byName.handshake(request)).resolves.toMatchObject({ groupId: 'eu' });
  });

  it('refuses a gateway without a client certificate, or with one from another CA, before any call', async () => {
    const rogue = await TestCertificateAuthority.create('Rogue CA');
    const rogueFiles = TestCertificateAuthority.writeFiles(
      dir,
      'rogue-client',
      await rogue.issue({ commonName: 'gateway eu', client: true }),
    );
    await expect((await client({ certFile: '', keyFile: '' })).handshake(request)).rejects.toMatchObject(
      REFUSED,
    );
    await expect((await client(rogueFiles)).handshake(request)).rejects.toMatchObject(REFUSED);
    const plaintext = new BridgeClient(bridge.grpcAddress, token, { callTimeoutMs: 3000 });
    closers.push(() => plaintext.close());
    await expect(plaintext.handshake(request)).rejects.toMatchObject(REFUSED);
  });

  it('is refused by a gateway when its certificate is not from the CA the gateway trusts, or names another host', async () => {
    const other = await TestCertificateAuthority.create('Another CA');
    const otherCaFile = other.writeCertFile(dir, 'other-ca');
    await expect((await client({ caFile: otherCaFile })).handshake(request)).rejects.toMatchObject(REFUSED);
    await expect(
      (await client({ serverName: 'bridge.example.com' })).handshake(request),
    ).rejects.toMatchObject(REFUSED);
  });

  it('serves a renewed certificate to new connections without a restart; open ones carry on', async () => {
    const open = await client();
    await open.handshake(request);
    const before = await servedFingerprint();
    const renewed = await ca.issue({
      commonName: 'bridge renewed',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    // The certificate, then its key: until the key lands the pair does not match, and is held back.
    TestCertificateAuthority.writeFiles(dir, 'bridge', renewed);
    await waitFor(async () => (await servedFingerprint()) === renewed.fingerprint256, {
      description: 'the renewed certificate to be served',
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    expect(before).not.toBe(renewed.fingerprint256);
    await expect(open.handshake(request)).resolves.toMatchObject({ groupId: 'eu' });
    await expect((await client()).handshake(request)).resolves.toMatchObject({ groupId: 'eu' });
  });

  /** The SHA-256 fingerprint of the certificate a new TLS connection to the gRPC port is given. */
  function servedFingerprint(): Promise<string> {
    const [host, port] = bridge.grpcAddress.split(':');
    return new Promise((resolve, reject) => {
      const socket = tlsConnect(
        { host, port: Number(port), ALPNProtocols: ['h2'], ca: ca.cert, ...files() },
        () => {
          const fingerprint = socket.getPeerCertificate().fingerprint256.replace(/:/g, '').toLowerCase();
          socket.destroy();
          resolve(fingerprint);
        },
      );
      socket.on('error', reject);
    });
  }

  const files = () => ({
    cert: readFileSync(gatewayFiles.certFile),
    key: readFileSync(gatewayFiles.keyFile),
  });
});
