import { renderStaffNotice } from '../../src/mail/staff-notices';
import { MINUTE } from '../../src/domain/time';
import { appointment, exampleDirectory } from '../support/summary-fixture';

describe('the Teams reminder to a staff member', () => {
  const directory = exampleDirectory();
  const a = appointment(directory, {
    id: 'r1',
    staffId: 'jonas-becker',
    serviceId: 'meldewesen',
    channel: 'video',
    day: '2026-03-02',
    at: '10:00',
  });
  const notice = { kind: 'staff-notice', staffId: 'jonas-becker', appointmentId: 'r1', event: 'reminder' } as const;
  const reminder = (minutesBefore: number, language: 'de' | 'en') => {
    const dir = {
      ...directory,
      staff: directory.staff.map((s) => (s.id === 'jonas-becker' ? { ...s, language } : s)),
    };
    return renderStaffNotice(notice, a, dir, a.start - minutesBefore * MINUTE).text.split('\n')[0];
  };

  it('counts the minutes with the right noun form in German and English', () => {
    expect(reminder(15, 'de')).toMatch(/^In 15 Minuten: /);
    expect(reminder(1, 'de')).toMatch(/^In 1 Minute: /);
    expect(reminder(15, 'en')).toMatch(/^In 15 minutes: /);
    expect(reminder(1, 'en')).toMatch(/^In 1 minute: /);
  });
});
