import { appointmentIdOfUid } from '../../src/app/replies';
import { appointmentUid } from '../../src/domain/calendar-busy';

describe('appointmentIdOfUid (the UID rule of calendar-busy)', () => {
  it('finds the appointment of a UID this bot wrote', () => {
    expect(appointmentIdOfUid(appointmentUid('appt_0a1B2c'))).toBe('appt_0a1B2c');
    expect(appointmentIdOfUid(` ${appointmentUid('appt_x9')} `)).toBe('appt_x9');
  });

  it('ignores UIDs of other calendars, even when they look alike', () => {
    for (const uid of [
      '040000008200E00074C5B7101A82E008@outlook.com',
      'appt_1@example.org',
      'appt_1',
      '@sprechstunde',
      'appt_a-b@sprechstunde',
      'other_1@sprechstunde',
    ])
      expect(appointmentIdOfUid(uid)).toBeNull();
  });
});
