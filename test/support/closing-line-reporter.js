/**
 * Jest's summary ("Test Suites: …", on stderr) followed by one plain closing line on stdout
 * ("tests: N passed, N failed, N skipped") that CI tooling reads. Jest always appends its own
 * summary after every configured reporter, so this reporter *is* the summary (jest.config.js lists
 * it instead of 'default', together with the default progress reporter): the closing line is the
 * very last line printed.
 */
const { SummaryReporter } = require('@jest/reporters');

class ClosingLineReporter extends SummaryReporter {
  async onRunComplete(contexts, results) {
    await super.onRunComplete(contexts, results);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`,
    );
  }
}
module.exports = ClosingLineReporter;
