import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/', '.build/', 'node_modules/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    // The action must never spawn a shell; tests and tooling may.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'child_process', message: 'The action never spawns processes.' },
            { name: 'node:child_process', message: 'The action never spawns processes.' }
          ],
          // The AGPL differential oracle is a test-only devDependency: it must never reach dist/.
          patterns: ['@cloud-copilot/*']
        }
      ]
    }
  },
  {
    // Only main, post, report/ and the credentials module talk to the runner (README, "Development").
    files: [
      'src/live.ts',
      'src/fleet.ts',
      'src/diagnosis/**/*.ts',
      'src/aws/**/*.ts',
      'src/state.ts',
      'src/version.ts'
    ],
    ignores: ['src/aws/credentials.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'child_process', message: 'The action never spawns processes.' },
            { name: 'node:child_process', message: 'The action never spawns processes.' },
            {
              name: '@actions/core',
              message: 'Take an io parameter; only main, post, report/ and credentials use the toolkit.'
            }
          ],
          patterns: ['@cloud-copilot/*']
        }
      ]
    }
  },
  {
    // kms/ is the pure analyzer: no SDK, no toolkit.
    files: ['src/kms/**/*.ts', 'src/offline/**/*.ts', 'src/inputs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@aws-sdk/*', '@actions/*', '@cloud-copilot/*', 'node:child_process', 'child_process'] }
      ]
    }
  },
  {
    // The command line is the other edge over the same core: it never imports the action's I/O (README, "CLI").
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'child_process', message: 'The CLI never spawns processes.' },
            { name: 'node:child_process', message: 'The CLI never spawns processes.' }
          ],
          patterns: [
            {
              group: ['@actions/*'],
              message: 'The CLI writes to its own stdout/stderr, never workflow commands.'
            },
            {
              regex: '^\\.\\./(main|post|index|report/publish|aws/credentials)\\.js$',
              message: "The action's edge (runner I/O, OIDC): the CLI has its own in src/cli/."
            },
            { group: ['@cloud-copilot/*'], message: 'Test-only.' }
          ]
        }
      ]
    }
  }
)
