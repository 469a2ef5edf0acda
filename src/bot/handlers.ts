/**
 * THE place where commands and card actions are registered.
 *
 * To add a feature: add the use cases/stores your handlers need to `BotServices` (additively;
 * main.ts → createApp fills them), write the handler in its own module under src/bot/, and
 * register it in `registerHandlers`:
 *
 *   router.command('book', (turn, command) => startBooking(turn, command, services));
 *   router.action('book.*', (turn, action) => continueBooking(turn, action, services));
 *
 * Commands are the kinds of `Command` in ./commands (recognizeCommand); card verbs are those of
 * ./cards/actions. Replies: `turn.context.sendActivity(...)`, texts de/en from a catalog of its area (src/i18n/catalog.ts; the bot's own in ./i18n).
 */
import { CardFactory, MessageFactory } from 'botbuilder';
import type { Clock } from '../domain/clock';
import type { Directory } from '../domain/types';
import type { ActivityDedupe } from '../store/activity-dedupe';
import type { ConversationRefStore } from '../store/conversation-refs';
import { recognizeWithDirectory, type BotRouter, type Command } from './commands';
import { parseAction } from './cards/actions';
import { helpCard } from './help-card';
import { botTexts, commandLabel } from './i18n';
import { CommandRouter, type BotTurn } from './command-router';
import { registerSupervisorHandlers, type SupervisorServices } from './supervisor';
import { registerStaffHandlers, type StaffServices } from './staff';

/** Everything handlers may use; filled in main.ts (createApp). */
export interface BotServices {
  clock: Clock;
  directory: () => Directory;
  conversationRefs: ConversationRefStore;
  dedupe: ActivityDedupe;
  /** Summary and outage/replanning for supervisors (src/bot/supervisor/). */
  supervisor: SupervisorServices;
  /** Booking, agenda, appointment actions and absence reports for staff (src/bot/staff/). */
  staff: StaffServices;
}

export type { BotRouter } from './commands';

export async function sendHelp(turn: BotTurn, intro?: string): Promise<void> {
  const card = MessageFactory.attachment(CardFactory.adaptiveCard(helpCard(turn.lang, turn.staff)));
  if (intro) card.text = intro;
  await turn.context.sendActivity(card);
}

export function createRouter(): BotRouter {
  return new CommandRouter<Command>((text, now, turn) => recognizeWithDirectory(text, now, turn.directory), {
    notUnderstood: (turn) => sendHelp(turn, botTexts[turn.lang].notUnderstood),
    suggest: async (turn, command) => {
      const label = commandLabel(turn.lang, command.kind);
      await turn.context.sendActivity(MessageFactory.suggestedActions([label], botTexts[turn.lang].didYouMean(label)));
    },
    unknownAction: async (turn, action) => {
      if (action.via === 'execute') return { message: botTexts[turn.lang].notUnderstood };
      await sendHelp(turn, botTexts[turn.lang].notUnderstood);
    },
  });
}

export function registerHandlers(router: BotRouter, services: BotServices): BotRouter {
  router.command('help', (turn) => sendHelp(turn));
  // Help card buttons (and any card button that stands for a typed command): run the text as typed.
  // Action.Execute keeps the help card in place, so its buttons stay usable.
  router.action('command', async (turn, action) => {
    const parsed = parseAction({ ...action.data, verb: action.verb });
    if (!parsed.ok || parsed.action.verb !== 'command') {
      // No command text (missing, empty, or only characters the edge removed). Action.Execute keeps the
      // pressed card and shows the message; Action.Submit has no such place, so the help card, never silence.
      turn.log.info({ verb: action.verb }, 'card data refused');
      if (action.via === 'execute') return { message: botTexts[turn.lang].notUnderstood };
      await sendHelp(turn, botTexts[turn.lang].notUnderstood);
      return;
    }
    await router.routeText(turn, parsed.action.text);
    if (action.via === 'execute') return { card: helpCard(turn.lang, turn.staff) };
  });
  registerSupervisorHandlers(router, services);
  registerStaffHandlers(router, services);
  return router;
}
