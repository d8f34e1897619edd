// Lint rules for the whole repository (TypeScript-aware, no type information needed), including
// the room boundaries of design.md §0 ("Rooms"), which no compiler checks.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Refuses relative imports of the named folders (repository-root or src/ relative), at any depth. */
function reach(...folders) {
  const names = folders.map((f) => f.replace(/\//g, '\\/')).join('|');
  return {
    regex: `^(\\.\\.\\/)+(src\\/)?(${names})(\\/|$)`,
    message: `Imports run one way: this room may not import ${folders.join(' or ')} (design.md §0).`,
  };
}

// Each room and the rooms it may not reach. Flat config replaces a rule's options rather than
// merging them, so every file gets exactly one entry (the most specific glob, listed last) and
// its production files get test support added to the list.
const ROOMS = [
  ['src/**', [reach('app', 'tools')]],
  ['src/engine/**', [reach('app', 'tools', 'workers', 'serving')]],
  ['app/**', [reach('tools')]],
  ['tools/**', [reach('app')]],
  ['test-support/engine/**', [reach('app', 'tools', 'test-support/node', 'test-support/app')]],
  ['test-support/app/**', [reach('tools', 'test-support/node')]],
  ['test-support/node/**', [reach('app', 'test-support/app')]],
  ['test-support/workers/**', [reach('app', 'tools', 'test-support/node', 'test-support/app')]],
];
// Tests, and benchmarks that synthesise their inputs with the same builders, may use test support.
const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'tools/bench/**'];
const roomRules = ROOMS.flatMap(([glob, patterns]) => [
  { files: [glob], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } },
  ...(glob.startsWith('test-support/')
    ? []
    : [
        {
          files: [glob],
          ignores: TESTS,
          rules: {
            '@typescript-eslint/no-restricted-imports': [
              'error',
              { patterns: [...patterns, reach('test-support')] },
            ],
          },
        },
      ]),
]);

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'public/',
      'coverage/',
      'test-results/',
      'e2e-artifacts/',
      '.cache/', // caches, fetched Dawn and the GPU carry bundle: generated, not ours
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Small files named for one job (design.md §0). The generated wasm modules are exempt below.
      'max-lines': ['error', { max: 300 }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  { files: ['src/engine/tf/wasm/*-wasm.ts'], rules: { 'max-lines': 'off' } },
  ...roomRules,
);
