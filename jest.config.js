const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    // Platform modules that sfdx-lwc-jest does not stub are mapped to the project's own test doubles.
    moduleNameMapper: {
        ...(jestConfig.moduleNameMapper || {})
    },
    setupFilesAfterEnv: ['<rootDir>/jest/setup.ts'],
    testMatch: ['**/force-app/**/__tests__/**/*.test.ts'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/build', '<rootDir>/.cache'],
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/lwc/**/*.js', '!**/*.d.ts', '!**/__tests__/**'],
    coverageReporters: ['text-summary', 'lcov']
};
