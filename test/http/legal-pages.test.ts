/**
 * The legal pages: the privacy notice names SMS (what the SMS provider receives, its role, how long);
 * the accessibility statement names the enforcement body the directory file configures.
 */
import { readFileSync } from 'node:fs';
import { parseDirectory } from '../../src/config/directory';
import { accessibilityPage, privacyPage } from '../../src/http/legal-pages';
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

describe('accessibility statement: the enforcement body', () => {
  const withoutBody = (): typeof directory => {
    const { enforcementBody: _, ...organisation } = directory.organisation;
    return { ...directory, organisation };
  };

  it('names the body of the directory file (Lower Saxony in the example) with its link, in German and English', () => {
    const de = accessibilityPage(directory, 'de', '2026-11-30').body;
    expect(de).toContain(
      'an die für uns zuständige Stelle für die Durchsetzung der barrierefreien Informationstechnik wenden: Schlichtungsstelle nach § 9d NBGG bei der Landesbeauftragten für Menschen mit Behinderungen Niedersachsen.',
    );
    expect(de).toContain(
      'Internet: <a href="https://www.behindertenbeauftragte-niedersachsen.de/DE/Schlichtungsstelle/Schlichtungsverfahren/Aufgabe/Aufgabe_node.html">',
    );
    const en = accessibilityPage(directory, 'en', '2026-11-30').body;
    expect(en).toContain(
      'the body responsible for enforcing accessible information technology for us: Schlichtungsstelle nach § 9d NBGG',
    );
    expect(en).toContain('Web: <a href="https://www.behindertenbeauftragte-niedersachsen.de/');
  });

  it('never sends citizens of a town to the federal Schlichtungsstelle, which serves federal bodies only', () => {
    for (const d of [directory, withoutBody()])
      for (const lang of ['de', 'en'] as const) {
        const { body } = accessibilityPage(d, lang, '2026-11-30');
        expect(body).not.toMatch(/§ 16 BGG|schlichtungsstelle-bgg|Bundesregierung/);
      }
  });

  it('without a configured body, says to ask the town, with its phone and mailbox', () => {
    const de = accessibilityPage(withoutBody(), 'de', '2026-11-30').body;
    expect(de).toContain(
      'Ihres Bundeslandes wenden. Welche Stelle das für uns ist und wie Sie sie erreichen, sagen wir Ihnen gern: Telefon +49 5137 828-0, E-Mail termine@seelze.example.',
    );
    const en = accessibilityPage(withoutBody(), 'en', '2026-11-30').body;
    expect(en).toContain('We will gladly tell you which body that is for us and how to reach it: phone +49 5137 828-0');
  });

  it('shows the address and email an operator fills in, escaped', () => {
    const d = {
      ...directory,
      organisation: {
        ...directory.organisation,
        enforcementBody: { name: 'Stelle <A>', email: 'stelle@land.example', address: 'Platz 1, 30159 Hannover' },
      },
    };
    const { body } = accessibilityPage(d, 'de', '2026-11-30');
    expect(body).toContain('wenden: Stelle &lt;A&gt;.');
    expect(body).toContain(
      '<p>Platz 1, 30159 Hannover<br>E-Mail: <a href="mailto:stelle@land.example">stelle@land.example</a></p>',
    );
  });

  it('is part of the directory file’s organisation settings, checked like the rest of it', () => {
    const raw = JSON.parse(readFileSync('config/directory.example.json', 'utf8')) as {
      organisation: Record<string, unknown>;
    };
    expect(parseDirectory(raw).organisation.enforcementBody?.name).toContain('§ 9d NBGG');
    raw.organisation.enforcementBody = { name: 'Stelle', url: 'javascript:alert(1)' };
    expect(() => parseDirectory(raw)).toThrow(/organisation\.enforcementBody\.url/);
    raw.organisation.enforcementBody = { name: 'Stelle', phone: '123' };
    expect(() => parseDirectory(raw)).toThrow(/organisation\.enforcementBody/);
  });
});
