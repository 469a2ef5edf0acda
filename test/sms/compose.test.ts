/** The SMS texts: what they name, what they never name, and at most two segments whatever the names. */
import fc from 'fast-check';
import { loadDirectoryFile } from '../../src/config/directory';
import { localDateTime } from '../../src/domain/time';
import type { Appointment, Directory } from '../../src/domain/types';
import { composeSms } from '../../src/sms/compose';
import { countSegments } from '../../src/sms/segments';

const directory = loadDirectoryFile('config/directory.example.json');
const START = localDateTime('2026-12-21', '08:00');

function appointment(over: Partial<Appointment> = {}): Appointment {
  return {
    id: 'appt_1',
    uid: 'u',
    sequence: 1,
    staffId: 'katrin-hoffmann',
    serviceId: 'kfz',
    channel: 'phone',
    start: START,
    end: START + 30 * 60_000,
    blockStart: START,
    blockEnd: START + 30 * 60_000,
    status: 'booked',
    citizen: { name: 'Ilse Ohnenetz', phone: '+491711234567', smsConsent: true, language: 'de' },
    createdAt: 0,
    createdBy: 'jonas-becker',
    updatedAt: 0,
    ...over,
  };
}

const URL_ = 'https://termine.seelze.de/t/abcdefghjk';

describe('SMS texts', () => {
  it('confirms with town, service, day, date, time (Berlin), who calls whom, and the short link', () => {
    const sms = composeSms(appointment(), directory, { event: 'booked', shortUrl: URL_ });
    expect(sms.text).toContain('Stadt Seelze');
    expect(sms.text).toContain('Kfz');
    expect(sms.text).toContain('Mo., 21. Dez. 2026, 08:00 Uhr');
    expect(sms.text).toContain('Katrin Hoffmann ruft Sie an');
    expect(sms.text).toContain(URL_);
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.segments).toBeLessThanOrEqual(2);
  });

  it('names the old and the new time of a change', () => {
    const before = localDateTime('2026-12-22', '11:00');
    const sms = composeSms(appointment(), directory, {
      event: 'changed',
      previous: { staffId: 'katrin-hoffmann', start: before, end: before + 1, channel: 'in-person' },
      shortUrl: URL_,
    });
    expect(sms.text).toContain('verlegt auf Mo., 21. Dez. 2026, 08:00 Uhr');
    expect(sms.text).toContain('bisher Di., 22. Dez. 2026, 11:00 Uhr');
  });

  it('gives the reason the staff member chose for a cancellation and the number for a new appointment', () => {
    const sms = composeSms(
      appointment({ status: 'cancelled', cancelReason: 'Die Sachbearbeiterin ist erkrankt' }),
      directory,
      { event: 'cancelled' },
    );
    expect(sms.text).toContain('abgesagt');
    expect(sms.text).toContain('Grund: Die Sachbearbeiterin ist erkrankt.');
    expect(sms.text).toContain('Neuer Termin: 05137 8280');
  });

  it('never names a sensitive service (social counselling): "Ihr Termin bei der Stadt Seelze"', () => {
    const sms = composeSms(appointment({ serviceId: 'sozialberatung' }), directory, {
      event: 'reminder',
      shortUrl: URL_,
    });
    expect(sms.text).not.toMatch(/Sozial/i);
    expect(sms.text).toContain('Ihr Termin bei der Stadt Seelze');
  });

  it('writes English for a citizen who booked in English', () => {
    const a = appointment({ citizen: { name: 'Jo', phone: '+491711234567', smsConsent: true, language: 'en' } });
    const sms = composeSms(a, directory, { event: 'booked', shortUrl: URL_ });
    expect(sms.text).toContain('is booked: Mon 21 Dec 2026, 08:00 (German time)');
  });

  it('prints the appointment reference when there is one', () => {
    expect(composeSms(appointment(), directory, { event: 'booked', reference: 'T-4K7Q' }).text).toContain('T-4K7Q');
  });

  it('stays within two segments whatever the names, reasons and services, keeping day, date, time and link', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.string({ maxLength: 400 }),
        fc.constantFrom('phone', 'video', 'in-person'),
        fc.constantFrom('booked', 'changed', 'cancelled', 'reminder'),
        fc.constantFrom('kfz', 'sozialberatung', 'meldewesen'),
        (serviceName, reason, channel, event, serviceId) => {
          const dir: Directory = {
            ...directory,
            services: directory.services.map((s) =>
              s.id === serviceId ? { ...s, name: { de: `${s.name.de} ${serviceName}`, en: s.name.en } } : s,
            ),
          };
          const a = appointment({
            channel: channel,
            serviceId,
            ...(event === 'cancelled' ? { status: 'cancelled' as const, cancelReason: reason } : {}),
          });
          const sms = composeSms(a, dir, {
            event: event,
            shortUrl: URL_,
            previous: { staffId: 'x', start: START - 86_400_000, end: START, channel: 'phone' },
          });
          expect(countSegments(sms.text).segments).toBeLessThanOrEqual(2);
          expect(sms.text).toContain('21. Dez. 2026, 08:00');
          if (event !== 'cancelled') expect(sms.text).toContain(URL_);
        },
      ),
      { numRuns: 300 },
    );
  });

  describe('the longest names, service name and reference in practice: never more than two segments', () => {
    // The directory bounds neither names nor places: these are longer than any in a German town hall.
    const long = (n: number, words: string) =>
      words
        .repeat(Math.ceil(n / words.length))
        .slice(0, n)
        .trim();
    const LONG_URL = 'https://termine.stadtverwaltung-seelze.niedersachsen.de/t/abcdefghjk';
    const REF = 'T-ABCDE'; // the longest reference the store draws (5 characters after "T-")
    const EVENTS = ['booked', 'changed', 'cancelled', 'reminder'] as const;
    const CHANNELS = ['phone', 'video', 'in-person'] as const;
    const BEFORE = localDateTime('2026-12-18', '14:30');

    function withNames(serviceName: string, staffName: string): Directory {
      return {
        ...directory,
        services: directory.services.map((s) =>
          s.id === 'kfz'
            ? {
                ...s,
                name: { de: serviceName, en: serviceName },
                bring: {
                  de: long(300, 'Unterlagen '),
                  en: long(300, 'documents '),
                  short: { de: long(60, 'Fahrzeugbrief '), en: long(60, 'vehicle papers ') },
                },
              }
            : s,
        ),
        staff: directory.staff.map((s) =>
          s.id === 'katrin-hoffmann' ? { ...s, name: staffName, room: long(100, 'Bürgerbüro Nebengebäude ') } : s,
        ),
      };
    }

    function everyMessage(
      dir: Directory,
      check: (text: string, event: (typeof EVENTS)[number]) => void,
      /** null: cancelled without a reason given. */
      reason: string | null = long(300, 'Die Sachbearbeiterin ist erkrankt '),
    ) {
      for (const language of ['de', 'en'] as const)
        for (const channel of CHANNELS)
          for (const event of EVENTS) {
            const a = appointment({
              channel,
              citizen: { name: 'Ilse Ohnenetz', phone: '+491711234567', smsConsent: true, language },
              ...(event === 'cancelled'
                ? { status: 'cancelled' as const, ...(reason ? { cancelReason: reason } : {}) }
                : {}),
            });
            const sms = composeSms(a, dir, {
              event,
              reference: REF,
              ...(event === 'cancelled' ? {} : { shortUrl: LONG_URL }),
              previous: { staffId: 'katrin-hoffmann', start: BEFORE, end: BEFORE + 1, channel: 'in-person' },
            });
            expect(sms.segments).toBeLessThanOrEqual(2);
            expect(countSegments(sms.text)).toMatchObject({ encoding: sms.encoding, segments: sms.segments });
            expect(sms.text).toMatch(language === 'de' ? /21\. Dez\. 2026, 08:00 Uhr/ : /21 Dec 2026, 08:00/);
            expect(sms.text).toContain(REF);
            if (event !== 'cancelled') expect(sms.text).toContain(LONG_URL);
            check(sms.text, event);
          }
    }

    it('GSM-7: umlauts and ß in a 150-character service name and an 80-character staff name', () => {
      const dir = withNames(
        long(150, 'Beantragung eines Führungszeugnisses für Ehrenamtliche und Übungsleiter '),
        long(80, 'Maximiliane Müller-Lüdenscheidt-Großkreutz '),
      );
      everyMessage(dir, (text) => expect(countSegments(text).encoding).toBe('GSM-7'));
    });

    it('UCS-2: a character outside GSM-7 (Turkish ı) is kept while two UCS-2 segments (134 characters) hold it, else left out', () => {
      const seen = new Set<string>();
      for (const [serviceName, staffName, reason] of [
        ['Danışma', 'Yıldız Çelik', null],
        ['Danışma', 'Yıldız Çelik', 'Personel hastalandı'],
        [long(150, 'Danışmanlık ve Başvuru Hizmetleri '), long(80, 'Yıldız Çelik-Öztürkoğlu '), null],
      ] as const)
        everyMessage(
          withNames(serviceName, staffName),
          (text) => {
            const { encoding } = countSegments(text);
            seen.add(encoding);
            if (encoding === 'UCS-2') expect(text.length).toBeLessThanOrEqual(134);
            // ş has a GSM-7 twin (s), ı has none: a text with ı is UCS-2.
            expect(encoding === 'UCS-2').toBe(text.includes('ı'));
          },
          reason,
        );
      // Both happen: a short cancellation keeps "Danısma" (UCS-2); the long texts drop the names (GSM-7).
      expect([...seen].sort()).toEqual(['GSM-7', 'UCS-2']);
    });
  });
});
