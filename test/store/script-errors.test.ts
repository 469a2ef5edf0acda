/** How the appointment store reads its Lua scripts' answers (unwrapScriptReply in src/store/appointments.ts). */
import { DomainError } from '../../src/domain/errors';
import { unwrapScriptReply } from '../../src/store/appointments';

describe('script replies', () => {
  it('returns the values of a successful reply', () => {
    expect(unwrapScriptReply(['ok', '{"id":"a1"}', '3'])).toEqual(['{"id":"a1"}', '3']);
  });

  it('turns a declared refusal into its DomainError (shown to the user as such)', () => {
    const thrown = (() => {
      try {
        unwrapScriptReply(['err', 'slot-taken'], 'appt_1');
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('slot-taken');
  });

  it('treats an undeclared script error as a fault (plain Error: an internal failure that is logged), not as invalid input', () => {
    const thrown = (() => {
      try {
        unwrapScriptReply(['err', 'something-new'], 'appt_1');
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DomainError);
    expect((thrown as Error).message).toContain('something-new');
  });
});
