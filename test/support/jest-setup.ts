/**
 * Runs before every test file (jest.config.js setupFilesAfterEnv).
 *
 * botbuilder and botframework-connector print refused requests and unreachable key endpoints with
 * console.error (stack traces of expected 401s in the security tests). The app logs those itself,
 * through pino; the prints are dropped here. Only calls made *from* those packages are dropped
 * (judged by the call stack): anything our code or a test prints still appears, and failing
 * assertions are unaffected.
 */
const fromBotFramework = /[\\/]node_modules[\\/](botbuilder|botframework-[a-z-]+)[\\/]/;
const original = console.error.bind(console);

console.error = (...args: unknown[]): void => {
  const caller = new Error().stack?.split('\n').slice(2, 4).join('\n') ?? '';
  if (fromBotFramework.test(caller)) return;
  original(...args);
};
