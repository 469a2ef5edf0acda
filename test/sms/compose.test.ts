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
});
