import { expect } from '@jest/globals';
import { editDistance, normalise, recognizeCommand, recognizeWithDirectory } from '../../src/bot/commands';
import { loadDirectoryFile } from '../../src/config/directory';
import { localDateTime } from '../../src/domain/time';

// Wednesday, 2 December 2026, 10:00 in Berlin.
const now = localDateTime('2026-12-02', '10:00');
const rec = (text: string) => recognizeCommand(text, now);

describe('command recognition', () => {
  it('normalises case, umlauts, punctuation and @mentions', () => {
    expect(normalise('<at>Sprechstunde</at>  Tagesübersicht, bitte!')).toBe('tagesuebersicht bitte');
    expect(normalise('Quarantäne')).toBe('quarantaene');
  });

  it.each([
    'Mein Kalender',
    'my calendar',
    'Kalender-Link',
    'meinen Kalender abonnieren',
    'calendar feed',
    'Mein Kalender!',
  ])('"%s" asks for the calendar feed link; "Kalender" alone stays the agenda', (text) => {
    expect(recognizeWithDirectory(text, now, loadDirectoryFile('config/directory.example.json'))).toMatchObject({
      status: 'run',
      command: { kind: 'calendar-link' },
    });
    expect(rec('Kalender')).toMatchObject({ status: 'run', command: { kind: 'my-appointments' } });
  });

  it('counts a swapped pair of letters as one typo', () => {
    expect(editDistance('buchne', 'buchen')).toBe(1);
    expect(editDistance('hilfe', 'hilfe')).toBe(0);
  });

  it.each([
    ['termin buchen', 'book'],
    ['Termin buchen', 'book'],
    ['book', 'book'],
    ['Neuer Termin', 'book'],
    ['meine termine', 'my-appointments'],
    ['My appointments', 'my-appointments'],
    ['abwesend', 'absent'],
    ['Ich bin krank', 'absent'],
    ['absent', 'absent'],
    ['hilfe', 'help'],
    ['help', 'help'],
    ['?', 'help'],
    ['Tagesübersicht', 'summary'],
  ])('runs "%s" as %s', (text, kind) => {
    const r = rec(text);
    expect(r.status).toBe('run');
    if (r.status === 'run') expect(r.command.kind).toBe(kind);
  });

  it('books from a free variant with a weekday and starts the slot search that day', () => {
    expect(rec('Termin am Freitag buchen')).toEqual({
      status: 'run',
      command: { kind: 'book', day: '2026-12-04' },
      corrected: false,
    });
  });

  it('corrects obvious typos and says it did', () => {
    expect(rec('terminn buchne')).toEqual({ status: 'run', command: { kind: 'book' }, corrected: true });
    expect(rec('hilef')).toMatchObject({ status: 'run', command: { kind: 'help' }, corrected: true });
    expect(rec('meine termien morgen')).toMatchObject({
      status: 'run',
      command: { kind: 'my-appointments', range: { kind: 'tomorrow' } },
    });
  });

  it('reads agenda ranges: today, tomorrow, this and next week, weekdays and dates', () => {
    expect(rec('meine termine')).toMatchObject({ command: { range: { kind: 'today' } } });
    expect(rec('meine termine morgen')).toMatchObject({ command: { range: { kind: 'tomorrow' } } });
    expect(rec('meine termine woche')).toMatchObject({ command: { range: { kind: 'week', offsetWeeks: 0 } } });
    expect(rec('my appointments next week')).toMatchObject({ command: { range: { kind: 'week', offsetWeeks: 1 } } });
    expect(rec('meine termine 7.12.')).toMatchObject({ command: { range: { kind: 'date', date: '2026-12-07' } } });
    expect(rec('meine termine 2027-01-04')).toMatchObject({ command: { range: { kind: 'date', date: '2027-01-04' } } });
  });

  it('treats a bare date word as a question about the agenda', () => {
    expect(rec('morgen')).toEqual({
      status: 'run',
      command: { kind: 'my-appointments', range: { kind: 'tomorrow' } },
      corrected: false,
    });
    expect(rec('Montag')).toMatchObject({ status: 'run', command: { range: { kind: 'date', date: '2026-12-07' } } });
    expect(rec('heute')).toMatchObject({ status: 'run', command: { range: { kind: 'today' } } });
  });

  it('counts today as the next such weekday, and "nächsten" as next week', () => {
    expect(rec('termine mittwoch')).toMatchObject({
      command: { kind: 'my-appointments', range: { kind: 'date', date: '2026-12-02' } },
    });
    expect(rec('termine nächsten mittwoch')).toMatchObject({
      command: { range: { kind: 'date', date: '2026-12-09' } },
    });
  });

  it('rolls a day-month date in the past over to next year', () => {
    expect(rec('termine 5.1.')).toMatchObject({ command: { range: { kind: 'date', date: '2027-01-05' } } });
  });

  it('suggests rather than guesses when the text is only close to a command', () => {
    expect(rec('termin')).toMatchObject({ status: 'suggest', command: { kind: 'book' } });
    expect(rec('terminbuchng')).toMatchObject({ command: { kind: 'book' } });
    expect(rec('hilfee bitte ich weiss nicht weiter was tun')).toMatchObject({
      status: 'suggest',
      command: { kind: 'help' },
    });
  });

  it('gives up only on text that resembles nothing', () => {
    expect(rec('Guten Morgen zusammen')).toMatchObject({ status: expect.stringMatching(/suggest|unknown/) });
    expect(rec('xyzzy plugh')).toEqual({ status: 'unknown' });
    expect(rec('   ')).toEqual({ status: 'unknown' });
  });

  it('reads cancelling or moving an appointment as the agenda, never as booking', () => {
    for (const text of [
      'Termin stornieren',
      'Termin absagen',
      'cancel appointment',
      'Termin verschieben',
      'Termin löschen',
      'Termin streichen',
      'delete appointment',
      'Termin canceln',
    ])
      expect({ text, r: rec(text) }).toMatchObject({
        text,
        r: { status: 'run', command: { kind: 'my-appointments' } },
      });
  });

  it.each([
    ['termine team', { kind: 'today' }],
    ['Team agenda', { kind: 'today' }],
    ['Team-Agenda', { kind: 'today' }],
    ['Termine Team morgen', { kind: 'tomorrow' }],
    ['team termine woche', { kind: 'week', offsetWeeks: 0 }],
    ['team agenda next week', { kind: 'week', offsetWeeks: 1 }],
    ['teamagenda 10.12.', { kind: 'date', date: '2026-12-10' }],
    ['Termine der Kollegen Freitag', { kind: 'date', date: '2026-12-04' }],
  ])('"%s" is the team agenda, with the day words of the personal one', (text, range) => {
    expect(recognizeWithDirectory(text, now, loadDirectoryFile('config/directory.example.json'))).toEqual({
      status: 'run',
      command: { kind: 'team-agenda', range },
      corrected: false,
    });
  });

  it('offers the team agenda for "Team" alone and keeps "Ausfall Team" and "meine termine" as they were', () => {
    expect(rec('team')).toEqual({ status: 'suggest', command: { kind: 'team-agenda', range: { kind: 'today' } } });
    expect(rec('Ausfall Team')).toMatchObject({ status: 'run', command: { kind: 'outage' } });
    expect(rec('meine termine')).toMatchObject({ status: 'run', command: { kind: 'my-appointments' } });
  });
});

describe('one-sentence bookings (recognizeWithDirectory)', () => {
  const directory = loadDirectoryFile('config/directory.example.json');
  const now = Date.parse('2026-11-30T09:00:00Z');
  const recognize = (text: string) => recognizeWithDirectory(text, now, directory);

  it.each([
    'book Kfz tomorrow 10:00',
    'Kfz Telefon morgen 10 Uhr',
    'Personalausweis vor Ort am 03.12.2026',
    'Auskunft Video Freitag nachmittags',
    'book registration video tomorrow',
    'Video morgen',
    'Fischereischein buchen',
  ])('"%s" runs a booking with the sentence', (text) => {
    const r = recognize(text);
    expect(r).toMatchObject({ status: 'run', command: { kind: 'book' } });
    expect(r.status === 'run' && r.command.kind === 'book' && r.command.sentence).toBeTruthy();
  });

  it('keeps the other commands, and "Termin stornieren" is no booking sentence', () => {
    expect(recognize('meine Termine morgen')).toMatchObject({ status: 'run', command: { kind: 'my-appointments' } });
    expect(recognize('krank')).toMatchObject({ status: 'run', command: { kind: 'absent' } });
    expect(recognize('hilfe')).toMatchObject({ status: 'run', command: { kind: 'help' } });
    const cancel = recognize('Termin stornieren');
    expect(cancel.status !== 'unknown' && cancel.command.kind === 'book' && cancel.command.sentence).toBeFalsy();
  });
});

describe('searching for a citizen (recognizeWithDirectory)', () => {
  const now = Date.parse('2026-12-08T08:00:00Z');
  const directory = loadDirectoryFile('config/directory.example.json');
  const recognize = (text: string) => recognizeWithDirectory(text, now, directory);

  it.each([
    ['suchen Brandt', 'Brandt'],
    ['find 0151 23456789', '0151 23456789'],
    ['T-4K7Q', 'T-4K7Q'],
    ['Termin von Frau Brandt', 'von Brandt'],
    ['Brandt verschieben', 'Brandt'],
  ])('reads "%s" as a search for "%s"', (text, searched) => {
    expect(recognize(text)).toMatchObject({ status: 'run', command: { kind: 'search', text: searched } });
  });

  it('takes no command word for a name ("termine absagen hilfe" searches nothing)', () => {
    expect(recognize('termine absagen hilfe')).not.toMatchObject({ command: { kind: 'search' } });
    expect(recognize('Termin stornieren')).not.toMatchObject({ command: { kind: 'search' } });
  });
});
