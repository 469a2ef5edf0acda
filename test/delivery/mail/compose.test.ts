/**
 * What a citizen mail offers: the reschedule link only while the citizen may still move the
 * appointment (RESCHEDULE_MAX_MOVES); after the last allowed move the link would answer 409.
 */
import { composeCitizenMail, mailFromMismatch } from '../../../src/delivery/mail/compose';
import { renderHandoverCopy, renderStaffCopy } from '../../../src/delivery/mail/templates';
import { localDateTime } from '../../../src/domain/time';
import type { MailOptions } from '../../../src/delivery/mail/transport';
import { appointmentValue, exampleDirectory } from '../../invitations/fixtures';
import { testLinks } from '../worker';

const directory = exampleDirectory();
const start = localDateTime('2026-05-13', '10:00');

function mailAfterMoves(citizenMoves: number, rescheduleMaxMoves: number) {
  const a = appointmentValue({ start, channel: 'video', citizenMoves, sequence: citizenMoves });
  const ctx = { directory, links: testLinks, now: start - 86_400_000, rescheduleMaxMoves };
  const mail = composeCitizenMail({ kind: 'invitation', reason: 'rescheduled' }, a, ctx, `${a.id}:k`);
  return { mail, url: testLinks.rescheduleUrl(a.id) };
}

const htmlOf = (mail: MailOptions) => (typeof mail.html === 'string' ? mail.html : '');
const icsOf = (mail: MailOptions) => {
  const ical = mail.icalEvent;
  return typeof ical === 'object' && 'content' in ical && typeof ical.content === 'string' ? ical.content : '';
};

describe('the reschedule link in citizen mails', () => {
  it('is offered while a move is left (text, HTML and the invitation)', () => {
    const { mail, url } = mailAfterMoves(1, 2);
    expect(mail.text).toContain(url);
    expect(htmlOf(mail)).toContain(url);
    expect(icsOf(mail)).toContain(url.slice(0, 40));
  });

  it('is left out after the last allowed move, and with RESCHEDULE_MAX_MOVES=0', () => {
    for (const [moves, max] of [
      [2, 2],
      [0, 0],
    ] as const) {
      const { mail, url } = mailAfterMoves(moves, max);
      expect(mail.text).not.toContain(url);
      expect(htmlOf(mail)).not.toContain(url);
      expect(icsOf(mail)).not.toContain('/reschedule');
    }
  });
});

describe('MAIL_FROM against the organiser address', () => {
  it('is a start-up warning when they differ (Outlook would show "on behalf of"), silent when they agree', () => {
    const organiser = directory.organisation.mailbox;
    expect(mailFromMismatch(undefined, organiser)).toBeUndefined();
    expect(mailFromMismatch(organiser.toUpperCase(), organiser)).toBeUndefined();
    expect(mailFromMismatch(`Stadt Seelze <${organiser}>`, organiser)).toBeUndefined();
    expect(mailFromMismatch('Stadt Seelze <noreply@seelze.example>', organiser)).toMatch(
      /^MAIL_FROM \(noreply@seelze\.example\) differs from the organiser address/,
    );
  });
});

describe("the reference in the staff member's mails", () => {
  const a = appointmentValue({ start, channel: 'phone', ref: 'T-4K7Q' });

  it('is a line of the calendar copy and the cancellation copy, in the staff member’s language', () => {
    expect(renderStaffCopy('invitation', a, directory).text).toContain('Terminnummer: T-4K7Q\n');
    expect(renderStaffCopy('cancellation', a, directory).text).toContain('Terminnummer: T-4K7Q\n');
    const english = {
      ...directory,
      staff: directory.staff.map((s) => (s.id === 'anna-schulz' ? { ...s, language: 'en' as const } : s)),
    };
    const copy = renderStaffCopy('invitation', a, english);
    expect(copy.text).toContain('Reference: T-4K7Q\n');
    expect(copy.html).toContain('Reference: T-4K7Q');
  });

  it('is a line of the copy to the colleague an appointment was handed over from', () => {
    expect(renderHandoverCopy(a, 'Jonas Becker', directory).text).toContain('Terminnummer: T-4K7Q\n');
  });

  it('is left out for an appointment booked before references existed', () => {
    const old = appointmentValue({ start, channel: 'phone' });
    expect(renderStaffCopy('invitation', old, directory).text).not.toContain('Terminnummer');
  });
});
