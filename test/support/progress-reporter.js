/** Jest's default per-file output ('default' without its summary: closing-line-reporter.js prints that). */
module.exports = require('@jest/reporters').DefaultReporter;
