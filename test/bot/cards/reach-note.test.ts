/**
 * The cancel card says what the cancellation does for this citizen: the calendar entry is removed only
 * for a citizen who got the invitation by email; one reached by SMS alone never had one.
 */
import { cancelAskCard, type AgendaItem } from '../../../src/bot/cards/agenda-cards';
import type { Language } from '../../../src/domain/types';
import { localDateTime } from '../../../src/domain/time';

const item: AgendaItem = {
  id: 'appt_1',
  sequence: 0,
  start: localDateTime('2026-12-01', '11:00'),
  end: localDateTime('2026-12-01', '11:15'),
  channel: 'phone',
  status: 'booked',
  serviceName: 'Auskunft',
  citizenName: 'Sina Handy',
  citizenPhone: '0151 1234567',
};

const cancelCard = (lang: Language, mail: boolean) =>
  JSON.stringify(cancelAskCard({ lang, item, range: { kind: 'today' }, reach: { mail, sms: true, call: 'none' } }));

describe('the cancel card for a citizen reached by SMS', () => {
  it('without email: the SMS only, no calendar entry to remove', () => {
    const de = cancelCard('de', false);
    expect(de).toContain('Die Bürgerin bzw. der Bürger erhält die Absage per SMS an 0151 1234567.');
    expect(de).not.toContain('Kalendereintrag');
    const en = cancelCard('en', false);
    expect(en).toContain('The citizen receives the cancellation by SMS to 0151 1234567.');
    expect(en).not.toContain('calendar entry');
  });

  it('with email as well: mail and SMS, and the calendar entry is removed', () => {
    expect(cancelCard('de', true)).toContain(
      'Die Bürgerin bzw. der Bürger erhält die Absage per E-Mail und SMS an 0151 1234567; der Kalendereintrag wird entfernt.',
    );
    expect(cancelCard('en', true)).toContain(
      'The citizen receives the cancellation by email and SMS to 0151 1234567; the calendar entry is removed.',
    );
  });
});
