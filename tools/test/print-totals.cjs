// Prints Jest's totals as the suite's closing line: `N passed, N failed` (+ `, N skipped`).
const { existsSync, readFileSync } = require('node:fs');

const file = process.argv[2];
if (!file || !existsSync(file)) {
  console.error(`no test results at ${file}: the test run did not complete`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
// A suite that fails to load (syntax error, missing service at import) has no failed tests but still failed.
const brokenSuites = results.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
);
for (const suite of brokenSuites) console.error(`suite failed to run: ${suite.name}\n${suite.message}`);
const failed = results.numFailedTests + brokenSuites.length;
console.log(`${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || results.numTotalTests === 0 ? 1 : 0);
