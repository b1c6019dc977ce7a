import { loadSync } from '@grpc/proto-loader';

import { bridgeProtoPath, GRPC_LOADER_OPTIONS } from './bridge-proto';

describe(bridgeProtoPath.name, () => {
  it('finds the .proto that declares the bridge service and its Handshake method', () => {
    const definition = loadSync(bridgeProtoPath(), GRPC_LOADER_OPTIONS);
    const service = definition['gatehouse.bridge.v1.BridgeService'] as Record<string, { path: string }>;
    expect(service['Handshake'].path).toBe('/gatehouse.bridge.v1.BridgeService/Handshake');
  });
});
