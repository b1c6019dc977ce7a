const nodeAppConfig = require('../../tools/webpack/node-app.cjs');

// The bridge client is generated code (ts-proto for grpc-js): nothing reads bridge.proto at run time.
module.exports = nodeAppConfig({ app: 'pump' });
