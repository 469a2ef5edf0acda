/**
 * The help card (Adaptive Card 1.5): the commands a staff member can type, each with a button.
 * Buttons are Action.Execute like every other card's (`{ verb: 'command', text }`, fallback
 * Action.Submit): the handler (handlers.ts) runs the text as if it had been typed. Teams-only
 * `imBack` sent nothing in the Agents Playground and other clients.
 */
import type { Language, Staff } from '../domain/types';
import { execute } from './cards/ac';
import { commandLabel, t, type TextKey } from './i18n';

const ENTRIES: { kind: string; text: TextKey; supervisorsOnly?: boolean }[] = [
  { kind: 'book', text: 'help.book' },
  { kind: 'my-appointments', text: 'help.myAppointments' },
  { kind: 'absent', text: 'help.absent' },
  { kind: 'calendar-link', text: 'help.calendarLink' },
  { kind: 'summary', text: 'help.summary', supervisorsOnly: true },
  { kind: 'outage', text: 'help.outage', supervisorsOnly: true },
  { kind: 'help', text: 'help.help' },
];

export function helpCard(lang: Language, staff: Staff): Record<string, unknown> {
  const entries = ENTRIES.filter((e) => !e.supervisorsOnly || staff.role === 'supervisor');
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: t(lang, 'help.title'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: t(lang, 'help.intro'), wrap: true },
      {
        type: 'FactSet',
        facts: entries.map((e) => ({ title: commandLabel(lang, e.kind), value: t(lang, e.text) })),
      },
      { type: 'TextBlock', text: t(lang, 'help.hint'), wrap: true, isSubtle: true, size: 'Small' },
    ],
    actions: entries
      .filter((e) => e.kind !== 'help')
      .map((e) => {
        const label = commandLabel(lang, e.kind);
        return execute(label, { verb: 'command', text: label }, { associatedInputs: 'none' });
      }),
  };
}
