// One webpack setup for every Node app: ts-loader (tsc, which keeps the decorator metadata Nest's
// dependency injection needs; esbuild/swc-style transpilers drop it), workspace libs bundled through the
// tsconfig path aliases, npm packages left external and loaded from node_modules at run time.
const { cpSync } = require('node:fs');
const path = require('node:path');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');

const root = path.resolve(__dirname, '../..');

/** Copies files next to the bundle after each emit (the gRPC .proto tree, for instance). */
class CopyAssetsPlugin {
  constructor(assets) {
    this.assets = assets;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap('CopyAssetsPlugin', () => {
      for (const asset of this.assets) {
        cpSync(path.join(root, asset.from), path.join(compiler.options.output.path, asset.to), {
          recursive: true,
        });
      }
    });
  }
}

/**
 * @param {{ app: string, assets?: { from: string, to: string }[] }} options
 */
module.exports = function nodeAppConfig({ app, assets = [] }) {
  const appRoot = path.join(root, 'apps', app);
  return {
    mode: 'production',
    target: 'node20',
    context: root,
    entry: path.join(appRoot, 'src/main.ts'),
    devtool: 'source-map',
    output: {
      path: path.join(root, 'dist/apps', app),
      filename: 'main.js',
      clean: true,
    },
    // __dirname must mean the bundle's folder, where assets are copied.
    node: { __dirname: false, __filename: false },
    optimization: { minimize: false },
    externalsPresets: { node: true },
    externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
    resolve: {
      extensions: ['.ts', '.js'],
      plugins: [new TsconfigPathsPlugin({ configFile: path.join(appRoot, 'tsconfig.app.json') })],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          loader: 'ts-loader',
          exclude: /node_modules/,
          // Types are checked by the typecheck target; the build only transpiles.
          options: { configFile: path.join(appRoot, 'tsconfig.app.json'), transpileOnly: true },
        },
      ],
    },
    plugins: [new CopyAssetsPlugin(assets)],
    // Nest and its optional peers reference modules we do not install; they are loaded lazily if at all.
    ignoreWarnings: [/Critical dependency/, /Can't resolve '@nestjs\/(websockets|microservices)/],
  };
};
