// Lint enforces where code runs (../shared/handbook/STYLE.md §1): each folder may import only
// what runs where it runs. A leaked DOM or Node type is also caught by the two tsconfigs.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'url', 'util', 'worker_threads', 'child_process', 'stream', 'zlib', 'module', 'events', 'buffer'];
const nodePatterns = NODE_BUILTINS.map((name) => ({ group: [name, `${name}/*`], message: 'This folder runs outside Node: no Node built-ins.' }));
const noElectron = { group: ['electron', 'electron/*'], message: 'Only the Electron shell (electron/*.ts) may import electron.' };
const noRenderer = { group: ['**/renderer/**', '../renderer/*'], message: 'Only the renderer may import renderer code.' };
const noCore = { group: ['**/electron/**', '../electron/*', '**/core/**'], message: 'This folder reaches the archive only through the contract in shared/.' };
const noShellFromCore = { group: ['**/main.ts', '**/app-menu.ts', '**/app-protocol.ts', '**/settings.ts', '**/preload.ts'], message: 'The archive core must not import the Electron shell.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'coverage/**', '.bench/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodePatterns, noElectron, noRenderer, noCore, { group: ['react', 'react-dom', 'react/*', 'better-sqlite3'], message: 'shared/ runs anywhere: no UI or database libraries.' }] }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodePatterns, noElectron, noCore, { group: ['better-sqlite3'], message: 'The renderer reaches the archive only through the contract.' }] }] },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/serve/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer, noShellFromCore, { group: ['**/cli/**', '**/serve/**'], message: 'The core must not import the CLI or the server.' }] }] },
  },
  {
    files: ['electron/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
);
