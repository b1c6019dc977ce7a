const nodeAppConfig = require('../../tools/webpack/node-app.cjs');

module.exports = nodeAppConfig({
  app: 'pump',
  // The bridge sink's gRPC client loads bridge.proto at run time; bridgeProtoPath() finds it here.
  assets: [{ from: 'libs/shared/proto/src/proto', to: 'proto' }],
});
