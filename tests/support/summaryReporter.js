/**
 * Prints one plain closing line, `jest: N passed, N failed, N skipped`, after the default reporter's summary, so
 * that tools reading only the last line see the result.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stdout.write(
      `jest: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
