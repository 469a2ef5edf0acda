/**
 * What the citizen brings (the directory's `bring`): in the invitation (iCalendar description and
 * mail), on the citizen page and, in its short form, in SMS — never in the staff member's copy, and
 * never in an SMS about a sensitive service.
 */
process.env.TZ = 'UTC';

import { buildInvitation } from '../../src/invitations/invitation';
import type { Directory } from '../../src/domain/types';
import { localDateTime } from '../../src/domain/time';
import { appointmentFacts } from '../../src/http/citizen-pages';
import { renderCitizenMail } from '../../src/delivery/mail/templates';
import { composeSms } from '../../src/sms/compose';
import { appointmentValue, exampleDirectory } from './fixtures';

const directory = exampleDirectory();
const start = localDateTime('2026-05-13', '10:00');
const links = { cancelUrl: 'https://x.example/c/t', icsUrl: 'https://x.example/c/t/termin.ics' };
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').replace(/\\,/g, ',');

describe('what to bring', () => {
  const ausweis = appointmentValue({ start, channel: 'in-person', serviceId: 'ausweis', staffId: 'jonas-becker' });

  it('is in the citizen’s invitation and mail, and not in the staff member’s copy', () => {
    const citizen = unfold(buildInvitation(ausweis, directory, { method: 'REQUEST', now: start - 86_400_000 }));
    expect(citizen).toContain(
      'Bitte bringen Sie mit: bisheriger Ausweis oder Reisepass, ein biometrisches Passfoto. Ihre Ansprechperson: Jonas Becker.',
    );
    const staff = unfold(
      buildInvitation(ausweis, directory, { method: 'REQUEST', now: start - 86_400_000, audience: 'staff' }),
    );
    expect(staff).not.toContain('Passfoto');
    const mail = renderCitizenMail({ kind: 'invitation', reason: 'booked' }, ausweis, directory, links);
    expect(mail.text).toContain(
      'Bitte bringen Sie mit: bisheriger Ausweis oder Reisepass, ein biometrisches Passfoto.',
    );
  });

  it('says "have ready" for a phone or video consultation, in English too', () => {
    const phone = { ...ausweis, channel: 'phone' as const, citizen: { ...ausweis.citizen, language: 'en' as const } };
    const ics = unfold(buildInvitation(phone, directory, { method: 'REQUEST', now: start - 86_400_000 }));
    expect(ics).toContain('Please have ready: your current identity card or passport, one biometric passport photo.');
  });

  it('keeps the generic line for a service without a list', () => {
    const auskunft = appointmentValue({ start, channel: 'in-person', serviceId: 'auskunft', staffId: 'jonas-becker' });
    expect(unfold(buildInvitation(auskunft, directory, { method: 'REQUEST', now: 0 }))).toContain(
      'Bitte bringen Sie die nötigen Unterlagen und einen Ausweis mit.',
    );
  });

  it('is on the citizen page, for each service of a combined appointment', () => {
    const both = { ...ausweis, serviceIds: ['ausweis', 'meldewesen'] };
    const html = appointmentFacts(both, directory, 'de');
    expect(html).toContain(
      '<dt>Bitte mitbringen</dt><dd>bisheriger Ausweis oder Reisepass, ein biometrisches Passfoto; Personalausweis oder Reisepass, Wohnungsgeberbestätigung</dd>',
    );
  });

  it('goes into SMS in its short form, first to go when the text is too long, never for a sensitive service', () => {
    const sms = composeSms(ausweis, directory, {
      event: 'booked',
      shortUrl: 'https://x.example/t/abc',
      reference: 'T-4K7Q',
    });
    expect(sms.text).toContain('Mitbringen: Ausweis, biometrisches Passfoto.');
    expect(composeSms(ausweis, directory, { event: 'cancelled' }).text).not.toContain('Mitbringen');
    const sensitive: Directory = {
      ...directory,
      services: directory.services.map((s) => (s.id === 'ausweis' ? { ...s, sensitive: true } : s)),
    };
    expect(composeSms(ausweis, sensitive, { event: 'booked', shortUrl: 'https://x.example/t/abc' }).text).not.toContain(
      'Mitbringen',
    );
  });
});
