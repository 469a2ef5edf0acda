/** The privacy notice on the citizen pages names SMS: what the SMS provider receives, its role, and how long. */
import { privacyPage } from '../../src/http/legal-pages';
import { exampleDirectory } from '../invitations/fixtures';

const directory = exampleDirectory();

describe('privacy notice and SMS', () => {
  it('names SMS, the provider as a processor (Art. 28 GDPR) in the EU, what it receives, consent and STOP (German)', () => {
    const { body } = privacyPage(directory, 'de', 90);
    expect(body).toContain('per SMS an Ihre Mobilnummer, wenn Sie zugestimmt haben');
    expect(body).toContain('SMS-Dienstleister als Auftragsverarbeiter (Art. 28 DSGVO) in der EU');
    expect(body).toContain('Er erhält Ihre Mobilnummer und den Text der SMS, nicht Ihren Namen');
    expect(body).toContain('mit der Antwort STOP ab');
    expect(body).toContain('90 Tage nach dem Termin gelöscht, ebenso alles über die SMS zu dem Termin');
  });

  it('says the same in English', () => {
    const { body } = privacyPage(directory, 'en', 30);
    expect(body).toContain('SMS provider as a processor (Art. 28 GDPR) within the EU');
    expect(body).toContain('receives your mobile number and the text of the SMS, not your name');
    expect(body).toContain('removed 30 days after the appointment, and so is everything about the SMS');
  });
});
