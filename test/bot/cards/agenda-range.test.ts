/**
 * One AgendaRange (src/domain/types.ts): what the command parser reads from "meine Termine …", what the
 * agenda cards carry in their buttons (cards/actions.ts) and what the agenda use case shows are the same
 * type, so a range typed in chat survives the round trip through a card unchanged.
 */
import { rangeDates } from '../../../src/app/my-appointments';
import { agendaRangeSchema } from '../../../src/bot/cards/actions';
import { recognizeCommand } from '../../../src/bot/commands';
import { localDateTime } from '../../../src/domain/time';
import type { AgendaRange } from '../../../src/domain/types';

// Monday 30 November 2026, 10:00 in Berlin.
const NOW = localDateTime('2026-11-30', '10:00');

const typedRange = (text: string): AgendaRange => {
  const r = recognizeCommand(text, NOW);
  if (r.status !== 'run' || r.command.kind !== 'my-appointments') throw new Error(`not the agenda: ${text}`);
  return r.command.range;
};

describe('one agenda range from chat to card to agenda', () => {
  it.each([
    ['meine termine', { kind: 'today' }],
    ['meine termine morgen', { kind: 'tomorrow' }],
    ['meine termine woche', { kind: 'week', offsetWeeks: 0 }],
    ['meine termine nächste woche', { kind: 'week', offsetWeeks: 1 }],
    ['meine termine 3.12.', { kind: 'date', date: '2026-12-03' }],
  ])('"%s" is a range the agenda card carries unchanged', (text, expected) => {
    const range = typedRange(text);
    expect(range).toEqual(expected);
    const carried: AgendaRange = agendaRangeSchema.parse(JSON.parse(JSON.stringify(range)));
    expect(carried).toEqual(range);
    expect(rangeDates(carried, NOW)).toEqual(rangeDates(range, NOW));
  });
});
