import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { loadDirectoryFile, parseDirectory } from '../../src/config/directory';
import { parseBookingSentence, type BookingSentence } from '../../src/domain/booking-sentence';
import { localDateTime } from '../../src/domain/time';

const directory = loadDirectoryFile('config/directory.example.json');
// Monday 30 November 2026, 10:00 in Berlin.
const NOW = localDateTime('2026-11-30', '10:00');
const parse = (text: string, now = NOW) => parseBookingSentence(text, directory, { now });

/** What a sentence gave, without the empty parts (for readable expectations). */
function given(r: BookingSentence): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0) || (k === 'bookingWord' && v === 'none')) continue;
    out[k] = v;
  }
  return out;
}

describe('one-sentence booking requests', () => {
  it.each<[string, Record<string, unknown>]>([
    // Sentences as clerks type them.
    ['Personalausweis vor Ort am 03.12.2026', { services: ['ausweis'], channel: 'in-person', day: '2026-12-03' }],
    ['Kfz Telefon morgen 10 Uhr', { services: ['kfz'], channel: 'phone', day: '2026-12-01', time: '10:00' }],
    [
      'Auskunft Video Freitag nachmittags',
      { services: ['auskunft'], channel: 'video', day: '2026-12-04', partOfDay: 'afternoon' },
    ],
    [
      'book registration video tomorrow',
      { services: ['meldewesen'], channel: 'video', day: '2026-12-01', bookingWord: 'strong' },
    ],
    ['book Kfz tomorrow 10:00', { services: ['kfz'], day: '2026-12-01', time: '10:00', bookingWord: 'strong' }],
    ['Termin am Freitag buchen', { day: '2026-12-04', bookingWord: 'strong' }],
    // Days.
    ['Auskunft heute', { services: ['auskunft'], day: '2026-11-30' }],
    ['Auskunft today', { services: ['auskunft'], day: '2026-11-30' }],
    ['Auskunft übermorgen', { services: ['auskunft'], day: '2026-12-02' }],
    ['Auskunft uebermorgen', { services: ['auskunft'], day: '2026-12-02' }],
    ['Auskunft ubermorgen', { services: ['auskunft'], day: '2026-12-02' }],
    ['Auskunft Montag', { services: ['auskunft'], day: '2026-11-30' }],
    ['Auskunft nächsten Montag', { services: ['auskunft'], day: '2026-12-07' }],
    ['Auskunft next Tuesday', { services: ['auskunft'], day: '2026-12-08' }],
    ['Auskunft Dienstag', { services: ['auskunft'], day: '2026-12-01' }],
    ['Auskunft wednesday', { services: ['auskunft'], day: '2026-12-02' }],
    ['Auskunft nächste Woche', { services: ['auskunft'], day: '2026-12-07' }],
    ['Auskunft 3.12.', { services: ['auskunft'], day: '2026-12-03' }],
    ['Auskunft 3.12', { services: ['auskunft'], day: '2026-12-03' }],
    ['Auskunft 03.12.26', { services: ['auskunft'], day: '2026-12-03' }],
    ['Auskunft 2026-12-03', { services: ['auskunft'], day: '2026-12-03' }],
    ['Auskunft 5.1.', { services: ['auskunft'], day: '2027-01-05' }],
    ['Auskunft 3. Dezember', { services: ['auskunft'], day: '2026-12-03' }],
    ['enquiry 3rd of December', { services: ['auskunft'], day: '2026-12-03' }],
    ['enquiry December 3', { services: ['auskunft'], day: '2026-12-03' }],
    // Times and parts of the day.
    ['Auskunft morgen 10:30', { services: ['auskunft'], day: '2026-12-01', time: '10:30' }],
    ['Auskunft morgen 10.30 Uhr', { services: ['auskunft'], day: '2026-12-01', time: '10:30' }],
    ['Auskunft morgen um 9', { services: ['auskunft'], day: '2026-12-01', time: '09:00' }],
    ['Auskunft morgen 14h', { services: ['auskunft'], day: '2026-12-01', time: '14:00' }],
    ['Auskunft morgen 10 Uhr 15', { services: ['auskunft'], day: '2026-12-01', time: '10:15' }],
    ['enquiry tomorrow 10am', { services: ['auskunft'], day: '2026-12-01', time: '10:00' }],
    ['enquiry tomorrow 3 pm', { services: ['auskunft'], day: '2026-12-01', time: '15:00' }],
    ['enquiry tomorrow at 2:30pm', { services: ['auskunft'], day: '2026-12-01', time: '14:30' }],
    ['Auskunft morgen vormittags', { services: ['auskunft'], day: '2026-12-01', partOfDay: 'morning' }],
    ['Auskunft morgen früh', { services: ['auskunft'], day: '2026-12-01', partOfDay: 'morning' }],
    ['Auskunft Freitag morgens', { services: ['auskunft'], day: '2026-12-04', partOfDay: 'morning' }],
    ['Auskunft Freitag abends', { services: ['auskunft'], day: '2026-12-04', partOfDay: 'evening' }],
    ['enquiry Friday afternoon', { services: ['auskunft'], day: '2026-12-04', partOfDay: 'afternoon' }],
    ['enquiry Friday morning', { services: ['auskunft'], day: '2026-12-04', partOfDay: 'morning' }],
    // Channels.
    ['Kfz persönlich', { services: ['kfz'], channel: 'in-person' }],
    ['Kfz personlich', { services: ['kfz'], channel: 'in-person' }],
    ['Kfz anrufen', { services: ['kfz'], channel: 'phone' }],
    ['car by phone', { services: ['kfz'], channel: 'phone' }],
    ['car in person', { services: ['kfz'], channel: 'in-person' }],
    ['Auskunft per Video', { services: ['auskunft'], channel: 'video' }],
    // Services by name, synonym, id, several.
    ['Kfz-Zulassung', { services: ['kfz'] }],
    ['Allgemeine Auskunft', { services: ['auskunft'] }],
    ['Ummeldung', { services: ['meldewesen'] }],
    ['Ummeldung Auto', { services: ['kfz'] }],
    ['Reisepass', { services: ['ausweis'] }],
    ['ID card', { services: ['ausweis'] }],
    ['housing benefit', { services: ['wohngeld'] }],
    ['wohngeld', { services: ['wohngeld'] }],
    ['Ummeldung und Personalausweis', { services: ['meldewesen', 'ausweis'] }],
    ['Beratung', { serviceCandidates: ['wohngeld', 'sozialberatung', 'bauberatung'] }],
    // Typos and umlauts.
    ['Personalauswies persönlich', { services: ['ausweis'], channel: 'in-person' }],
    ['Persnalausweis vor ort', { services: ['ausweis'], channel: 'in-person' }],
    ['kfz telfon morgn', { services: ['kfz'], channel: 'phone', day: '2026-12-01' }],
    ['Auskunft Freitg nachmitags', { services: ['auskunft'], day: '2026-12-04', partOfDay: 'afternoon' }],
    ['Wohngeldberatung', { services: ['wohngeld'] }],
    // Staff choice.
    ['Kfz bei mir morgen', { services: ['kfz'], staff: { kind: 'self' }, day: '2026-12-01' }],
    ['car with me tomorrow', { services: ['kfz'], staff: { kind: 'self' }, day: '2026-12-01' }],
    ['Kfz bei Katrin', { services: ['kfz'], staff: { kind: 'colleague', staffId: 'katrin-hoffmann' } }],
    ['Kfz bei Frau Hoffmann', { services: ['kfz'], staff: { kind: 'colleague', staffId: 'katrin-hoffmann' } }],
    ['car with Katrin Hoffmann', { services: ['kfz'], staff: { kind: 'colleague', staffId: 'katrin-hoffmann' } }],
    ['Kfz egal bei wem', { services: ['kfz'], staff: { kind: 'anyone' } }],
  ])('%s', (sentence, expected) => {
    expect(given(parse(sentence))).toEqual(expected);
  });

  it('says what it could not use: impossible dates and times, unknown words', () => {
    expect(parse('Kfz am 31.02.').problems).toEqual([{ kind: 'impossible-date', text: '31.02.' }]);
    expect(parse('Kfz am 31.02.2027').problems).toEqual([{ kind: 'impossible-date', text: '31.02.2027' }]);
    expect(parse('Kfz 2026-13-01').problems).toEqual([{ kind: 'impossible-date', text: '2026-13-01' }]);
    expect(parse('Kfz morgen 25 Uhr').problems).toEqual([{ kind: 'impossible-time', text: '25 Uhr' }]);
    expect(parse('Kfz morgen 10:75').problems).toEqual([{ kind: 'impossible-time', text: '10:75' }]);
    expect(parse('Kfz morgen 13pm').problems).toEqual([{ kind: 'impossible-time', text: '13pm' }]);
    expect(parse('Fischereischein morgen buchen')).toMatchObject({
      services: [],
      unknownWords: ['Fischereischein'],
      bookingWord: 'strong',
    });
  });

  it('keeps commands that are not bookings apart: no service, only a weak booking word', () => {
    expect(given(parse('Termin stornieren'))).toEqual({ bookingWord: 'weak', unknownWords: ['stornieren'] });
    expect(given(parse('meine Termine morgen'))).toEqual({ bookingWord: 'weak', day: '2026-12-01' });
    expect(parse('hilfe').services).toEqual([]);
  });

  it('resolves relative days in Berlin time, also just before midnight UTC and across the year', () => {
    // 23:30 UTC on 30 Nov is already 1 Dec in Berlin.
    const lateUtc = Date.parse('2026-11-30T23:30:00Z');
    expect(parse('Kfz morgen', lateUtc).day).toBe('2026-12-02');
    expect(parse('Kfz heute', lateUtc).day).toBe('2026-12-01');
    expect(parse('Kfz morgen', localDateTime('2026-12-31', '12:00')).day).toBe('2027-01-01');
    // The summer-time Sunday: "morgen" is the calendar day after.
    expect(parse('Kfz morgen', localDateTime('2027-03-28', '01:30')).day).toBe('2027-03-29');
  });

  it('reads a verb beside a service as what is done with it, not as a second service ("Auto abmelden")', () => {
    expect(parse('Auto abmelden morgen').services).toEqual(['kfz']);
    expect(parse('Auto ummelden').services).toEqual(['kfz']);
    expect(parse('abmelden Auto').services).toEqual(['kfz']);
    // Both named as services stay a combined appointment.
    expect(parse('Kfz und Anmeldung morgen').services).toEqual(['kfz', 'meldewesen']);
    expect(parse('Kfz Abmeldung').services).toEqual(['kfz', 'meldewesen']);
    expect(parse('abmelden morgen').services).toEqual(['meldewesen']);
  });

  it('reads synonyms from the directory file', () => {
    const raw = JSON.parse(readFileSync('config/directory.example.json', 'utf8')) as {
      services: { id: string; synonyms?: unknown }[];
    };
    raw.services.find((s) => s.id === 'bauberatung')!.synonyms = { de: ['Dachausbau'], en: ['loft'] };
    const d = parseDirectory(raw);
    expect(parseBookingSentence('Dachausbau morgen', d, { now: NOW }).services).toEqual(['bauberatung']);
    expect(parseBookingSentence('loft conversion', d, { now: NOW }).services).toEqual(['bauberatung']);
  });

  it('refuses a synonym that names two services, and empty synonyms', () => {
    const raw = JSON.parse(readFileSync('config/directory.example.json', 'utf8')) as {
      services: { id: string; synonyms?: unknown }[];
    };
    raw.services.find((s) => s.id === 'auskunft')!.synonyms = { de: ['Kfz'], en: [] };
    expect(() => parseDirectory(raw)).toThrow(/services\[3\]\.synonyms\.de\[0\]: "Kfz" already names service "kfz"/);
    raw.services.find((s) => s.id === 'auskunft')!.synonyms = { de: [' '], en: [] };
    expect(() => parseDirectory(raw)).toThrow(/services\[3\]\.synonyms\.de\[0\]/);
  });

  it('never throws and stays well-formed, whatever is typed', () => {
    const words = [
      'Kfz',
      'Termin',
      'buchen',
      'morgen',
      'Freitag',
      'vor Ort',
      'Video',
      'bei',
      'mir',
      '10',
      'Uhr',
      '31.02.',
      '10:00',
      'am',
      'pm',
      'nächsten',
      'Dezember',
      '3.',
      'um',
      'Katrin',
      'ümläüt',
      '<at>Bot</at>',
      '-',
      '.',
      '::',
    ];
    const sentence = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((ws) => ws.join(' ')),
      fc
        .array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 6 })), { maxLength: 10 })
        .map((ws) => ws.join('')),
    );
    fc.assert(
      fc.property(sentence, fc.integer({ min: 0, max: 4_102_444_800_000 }), (text, now) => {
        const r = parseBookingSentence(text, directory, { now });
        for (const id of [...r.services, ...r.serviceCandidates])
          expect(directory.services.map((s) => s.id)).toContain(id);
        if (r.day) expect(r.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (r.time) expect(r.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
        if (r.staff?.kind === 'colleague') expect(directory.staff.map((s) => s.id)).toContain(r.staff.staffId);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});
