import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

// Drivers of real infrastructure may only be imported where infrastructure lives: data-access libs and
// apps. Everything else talks to an interface, which keeps domain code testable with fakes.
const DRIVERS = ['ioredis', 'mongodb', 'kafkajs', 'mqtt'];
const FRAMEWORKS = ['@nestjs/*', '@grpc/*'];

const typeConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:domain', 'type:util', 'type:proto'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:proto'],
  },
  {
    // type:proto is the generated gRPC client and messages: infrastructure like a driver. A data-access
    // lib that talks to another service over gRPC needs it, as the pump's bridge sink (Tyk's hybrid pump)
    // does, so it can sit in pump-sinks with every other sink instead of in the app.
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:proto'],
  },
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
    bannedExternalImports: [...DRIVERS, ...FRAMEWORKS],
  },
  {
    sourceTag: 'type:util',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: [...DRIVERS, ...FRAMEWORKS],
  },
  {
    // Utilities only: the gRPC credentials read their PEM files through shared-tls.
    sourceTag: 'type:proto',
    onlyDependOnLibsWithTags: ['type:util'],
    bannedExternalImports: DRIVERS,
  },
  {
    sourceTag: 'type:feature',
    bannedExternalImports: DRIVERS,
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:util', 'type:proto'],
  },
  {
    // End-to-end suites run the built apps as processes; they import only test helpers and pure code.
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:app', 'type:testing', 'type:domain', 'type:util', 'type:proto'],
  },
];

const scopeConstraints = ['dashboard', 'bridge', 'gateway', 'pump'].map((scope) => ({
  sourceTag: `scope:${scope}`,
  onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
}));

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: ['**/dist', '**/node_modules', '**/.cache', '**/generated/**', '**/*.cjs'],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...scopeConstraints,
            ...typeConstraints,
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Specs may reach real services through the testing lib, and may use drivers to inspect state.
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.spec-helper.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Specs poke into JSON answers; typing every shape there buys nothing.
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...scopeConstraints,
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
];
