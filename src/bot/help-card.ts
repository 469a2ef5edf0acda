/**
 * The help card (Adaptive Card 1.5): the commands a staff member can type, each with a button.
 * Buttons are Action.Execute like every other card's (`{ verb: 'command', text }`, no Action.Submit
 * fallback): the handler (handlers.ts) runs the text as if it had been typed. Teams-only
 * `imBack` sent nothing in the Agents Playground and other clients.
 */
import type { Language, Staff } from '../domain/types';
import { isSupervisor } from '../domain/supervision';
import { actionRows, execute } from './cards/ac';
import { botTexts, commandHelpTexts, commandLabel, type CommandTextKind } from './i18n';

const ENTRIES: { kind: CommandTextKind; supervisorsOnly?: boolean }[] = [
  { kind: 'book' },
  { kind: 'my-appointments' },
  { kind: 'team-agenda' },
  { kind: 'search' },
  { kind: 'absent' },
  { kind: 'calendar-link' },
  { kind: 'summary', supervisorsOnly: true },
  { kind: 'report', supervisorsOnly: true },
  { kind: 'outage', supervisorsOnly: true },
  { kind: 'help' },
];

export function helpCard(lang: Language, staff: Staff): Record<string, unknown> {
  const entries = ENTRIES.filter((e) => !e.supervisorsOnly || isSupervisor(staff));
  const T = botTexts[lang];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: T.helpTitle, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: T.helpIntro, wrap: true },
      {
        type: 'FactSet',
        facts: entries.map((e) => ({ title: commandLabel(lang, e.kind), value: commandHelpTexts[lang][e.kind] })),
      },
      { type: 'TextBlock', text: T.helpHint, wrap: true, isSubtle: true, size: 'Small' },
      // In rows that fit a phone, not as the card's actions: Teams shows at most 6 of those (a
      // supervisor has 7 commands besides help).
      ...actionRows(
        entries
          .filter((e) => e.kind !== 'help')
          .map((e) => {
            const label = commandLabel(lang, e.kind);
            return execute(label, { verb: 'command', text: label }, { associatedInputs: 'none' });
          }),
        { spacing: 'Medium' },
      ),
    ],
    // Full width in Teams like every other card of the bot (ac.ts card()): the command list wraps less.
    msteams: { width: 'Full' },
  };
}
