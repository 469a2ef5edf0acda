/**
 * The logger's safety net: tokens are redacted at every level and masked in request paths, while
 * error names (`err.name`) stay readable — an operator needs "ReplyError", not "[redacted]".
 */
import { Writable } from 'node:stream';
import { createLogger, maskTokens } from '../../src/logger';

function capture(level: string) {
  const lines: string[] = [];
  const logger = createLogger(
    level,
    new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, lines };
}

describe('log redaction', () => {
  it('keeps error names and redacts tokens and citizen data at debug and trace level', () => {
    for (const level of ['debug', 'trace']) {
      const { logger, lines } = capture(level);
      logger.debug(
        { err: { name: 'ReplyError', code: 'OOM' }, token: 'tok_secret_1', holdToken: 'hold_secret_2' },
        'x',
      );
      logger.trace({ req: { headers: { authorization: 'Bearer eyJsecret' } }, citizen: { name: 'Erika' } }, 'y');
      const out = lines.join('');
      expect(out).toContain('ReplyError');
      expect(out).not.toMatch(/tok_secret_1|hold_secret_2|eyJsecret|Erika/);
    }
  });

  it('masks citizen link and feed tokens in request paths', () => {
    expect(maskTokens('/c/AbC123xyz_-/cancel')).toBe('/c/[token]/cancel');
    expect(maskTokens('/c/AbC123xyz_-/termin.ics')).toBe('/c/[token]/termin.ics');
    expect(maskTokens('/feed/jonas-becker/deadbeef.ics')).toBe('/feed/jonas-becker/[token]');
    expect(maskTokens('/api/messages')).toBe('/api/messages');
  });
});
