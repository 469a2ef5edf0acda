/**
 * The command parser ("meine termine freitag", or a day alone) and the one-sentence booking parser
 * ("Kfz Freitag") read day words through one vocabulary (src/domain/day-words.ts): the same words name
 * the same day in both, whatever day of the week it is today.
 */
import { rangeDates } from '../../src/app/my-appointments';
import { recognizeCommand, recognizeWithDirectory } from '../../src/bot/commands';
import { loadDirectoryFile } from '../../src/config/directory';
import { parseBookingSentence } from '../../src/domain/booking-sentence';
import { localDateTime } from '../../src/domain/time';

const directory = loadDirectoryFile('config/directory.example.json');

const WORDS = [
  'heute',
  'today',
  'morgen',
  'tomorrow',
  'tmrw',
  'übermorgen',
  'Freitag',
  'friday',
  'fri',
  'Sonnabend',
  'nächsten Freitag',
  'kommenden Montag',
  'next tuesday',
  'nächste Woche',
  'next week',
  '3.12.',
  '24.12.2026',
  '3/12/2026',
  '2026-12-24',
];

// A Monday, a Wednesday and a Sunday (the week's edges), mid-morning in Berlin.
describe.each(['2026-11-30', '2026-12-02', '2026-12-06'])('today is %s', (today) => {
  const now = localDateTime(today, '10:00');

  it.each(WORDS)('"%s" names the same day for the agenda and for a booking', (words) => {
    const sentence = parseBookingSentence(words, directory, { now });
    expect(sentence.day).toBeDefined();
    const agenda = recognizeCommand(words, now);
    expect(agenda).toMatchObject({ status: 'run', command: { kind: 'my-appointments' } });
    if (agenda.status !== 'run' || agenda.command.kind !== 'my-appointments') return;
    expect(rangeDates(agenda.command.range, now).from).toBe(sentence.day);
    const booking = recognizeWithDirectory(`Kfz ${words}`, now, directory);
    expect(booking).toMatchObject({ status: 'run', command: { kind: 'book', day: sentence.day } });
  });
});
