// Flat ESLint config. LWC rules run on the TypeScript sources (never on the emitted .js, which is ignored).
import lwcConfig from '@salesforce/eslint-config-lwc';
import tseslint from 'typescript-eslint';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';

const lwcSources = ['force-app/**/lwc/**/*.ts'];

export default [
    {
        ignores: [
            'node_modules/**',
            '.cache/**',
            'force-app/**/lwc/**/*.js',
            'build/**',
            'coverage/**',
            'preview/dist/**',
            'test-results/**',
            'playwright-report/**',
            '.sf/**',
            '.sfdx/**',
            '**/*.d.ts',
            'scripts/checks/verify-metadata/__fixtures__/**',
            // vendored builds shipped as static resources (scripts/static-resources.mjs)
            'force-app/main/default/staticresources/*.js'
        ]
    },
    // Salesforce's LWC rules (platform restrictions, @api/@wire usage, security) on component sources.
    ...lwcConfig.configs.recommendedTs.map((config) => ({ ...config, files: lwcSources })),
    // TypeScript rules on every .ts file: components, scripts, the preview and the browser tests.
    ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
    {
        files: ['**/*.ts'],
        rules: {
            // TypeScript checks undefined names and unused variables itself; the core rules misfire on types.
            'no-undef': 'off',
            'no-unused-vars': 'off',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
        }
    },
    {
        files: ['scripts/**/*.{ts,mjs,js}', 'preview/**/*.{ts,mjs,js}', 'e2e/**/*.ts', 'bench/**/*.ts', '*.{js,mjs}', 'jest/**/*.ts'],
        languageOptions: { globals: { ...globals.node } }
    },
    {
        files: ['**/__tests__/**/*.ts', 'jest/**/*.ts'],
        ...jestPlugin.configs['flat/recommended'],
        languageOptions: { globals: { ...globals.jest, ...globals.node } },
        rules: {
            ...jestPlugin.configs['flat/recommended'].rules,
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    }
];
