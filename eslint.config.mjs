import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import prettier from 'eslint-config-prettier'
import boundaries from 'eslint-plugin-boundaries'
import { fileURLToPath } from 'node:url'

/**
 * What the renderer (src/) may import from electron/core at runtime: data, types, validation
 * and messages, nothing that touches the database, files or Node. Type-only imports of any
 * core module stay allowed: they are erased at build and are how the contract types the UI.
 */
const CORE_PURE = [
  'electron/core/errors/**',
  'electron/core/validation/**',
  'electron/core/customers/customer-fields.ts',
  'electron/core/customers/invoicing-block.ts',
  'electron/core/stages/stage-definitions.ts',
  'electron/core/stages/stage-rules.ts',
  'electron/core/vault/credential-fields.ts',
  'electron/core/vault/passphrase-strength.ts',
  'electron/core/acceptance/acceptance-form.ts',
  'electron/core/acceptance/acceptance-draft.ts',
  'electron/core/acceptance/acceptance-checklist.ts',
  'electron/core/acceptance/acceptance-evidence.ts',
  'electron/core/acceptance/acceptance-wording.ts',
  'electron/core/incidents/playbook.ts',
  'electron/core/incidents/playbook-search.ts',
  'electron/core/settings/settings-schema.ts',
  'electron/core/settings/first-run.ts',
  'electron/core/shared/dates.ts',
  'electron/core/start-page/start-page-marks.ts',
  'electron/core/**/*-types.ts'
]

/** Import boundaries between the layers (DESIGN.md): failing lint, not a convention. */
const layers = {
  files: ['electron/**/*.ts', 'src/**/*.ts', 'src/**/*.vue', 'tests/lint/fixtures/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': {
      [fileURLToPath(new URL('./scripts/eslint-alias-resolver.cjs', import.meta.url))]: {},
      node: { extensions: ['.ts', '.mts', '.js', '.vue'] }
    },
    'boundaries/files': [
      { category: 'pure', pattern: CORE_PURE },
      { category: 'impure', pattern: 'electron/core/**' }
    ],
    'boundaries/elements': [
      { type: 'core', partialMatch: false, pattern: 'electron/core/**' },
      { type: 'main', partialMatch: false, pattern: 'electron/main/**' },
      { type: 'renderer', partialMatch: false, pattern: 'src/**' }
    ]
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'allow',
        checkAllOrigins: true,
        policies: [
          {
            // the domain runs in the CLI and in tests: no Electron, no main-process code
            from: { element: { type: 'core' } },
            disallow: [
              { to: { module: { source: 'electron' } } },
              { to: { element: { type: 'main' } } }
            ]
          },
          {
            from: { element: { type: 'renderer' } },
            disallow: [
              {
                to: { element: { type: 'core' }, file: { categories: { equalsTo: ['impure'] } } },
                dependency: { kind: 'value' }
              },
              { to: { element: { type: 'main' } } },
              { to: { module: { source: 'electron' } } },
              // the renderer is a sandboxed web page: no Node builtins
              { to: { module: { origin: 'core' } } }
            ]
          }
        ]
      }
    ]
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'tests/e2e/artifacts/**', '.native/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module'
      }
    }
  },
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        navigator: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLCanvasElement: 'readonly',
        KeyboardEvent: 'readonly',
        NodeJS: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' }
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'vue/multi-word-component-names': 'off'
    }
  },
  {
    files: ['electron/cli/**', 'scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' }
  },
  {
    // CommonJS helpers run by plain Node (the electron stand-in for the main-bundle test)
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        globalThis: 'readonly'
      }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  layers,
  prettier
)
