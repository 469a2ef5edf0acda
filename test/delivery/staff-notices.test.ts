import { renderStaffNotice } from '../../src/delivery/staff-notices';
import { DAY, MINUTE } from '../../src/domain/time';
import type { OutboxMessage, StaffNoticeEvent } from '../../src/domain/types';
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

describe('the notice to a colleague whose appointment someone else handled', () => {
  const directory = exampleDirectory();
  const moved = appointment(directory, {
    id: 'c1',
    staffId: 'sabine-neumann',
    serviceId: 'ausweis',
    channel: 'in-person',
    day: '2026-03-03',
    at: '11:00',
  });
  const before = {
    staffId: 'sabine-neumann',
    start: moved.start - DAY,
    end: moved.end - DAY,
    channel: 'in-person' as const,
  };
  const inLanguage = (language: 'de' | 'en') => ({
    ...directory,
    staff: directory.staff.map((s) => (s.id === 'sabine-neumann' ? { ...s, language } : s)),
  });
  const notice = (event: StaffNoticeEvent, extra: Partial<Extract<OutboxMessage, { kind: 'staff-notice' }>> = {}) =>
    ({
      kind: 'staff-notice',
      staffId: 'sabine-neumann',
      appointmentId: 'c1',
      event,
      by: 'jonas-becker',
      ...extra,
    }) as const;

  it('names who moved it, from when to when, in her language', () => {
    const de = renderStaffNotice(notice('moved-by-colleague', { previous: before }), moved, inLanguage('de'), 0).text;
    expect(de).toMatch(
      /^Jonas Becker hat Ihren Termin mit .* am Montag, 2\. März 2026, 11:00.* auf Dienstag, 3\. März 2026, 11:00.* verschoben/,
    );
    const en = renderStaffNotice(notice('moved-by-colleague', { previous: before }), moved, inLanguage('en'), 0).text;
    expect(en).toMatch(/^Jonas Becker moved your appointment with .* on Monday 2 March 2026.* to Tuesday 3 March 2026/);
  });

  it('says to whom it was handed over when it went to another colleague', () => {
    const handed = { ...moved, staffId: 'katrin-hoffmann' };
    const text = renderStaffNotice(
      notice('moved-by-colleague', { previous: before }),
      handed,
      inLanguage('de'),
      0,
    ).text;
    expect(text).toMatch(
      /^Jonas Becker hat Ihren Termin mit .* an Katrin Hoffmann übergeben \(jetzt Dienstag, 3\. März 2026/,
    );
    expect(text).toContain('Ihre Zeit ist wieder frei.');
  });

  it('names who cancelled it with the reason given, and who recorded the outcome', () => {
    const cancelled = { ...moved, status: 'cancelled' as const, cancelReason: 'Auf Ihren Wunsch' };
    expect(renderStaffNotice(notice('cancelled-by-colleague'), cancelled, inLanguage('de'), 0).text).toMatch(
      /^Jonas Becker hat Ihren Termin mit .* abgesagt \(.*\)\. Mitgeteilter Grund: „Auf Ihren Wunsch“\. Die Zeit ist wieder frei\.$/,
    );
    expect(renderStaffNotice(notice('no-show-by-colleague'), moved, inLanguage('de'), 0).text).toContain(
      'als „nicht erschienen“ markiert',
    );
    expect(renderStaffNotice(notice('completed-by-colleague'), moved, inLanguage('en'), 0).text).toContain('as “done”');
  });
});
