/**
 * "Mein Kalender" / "My calendar": the staff member's subscribable calendar feed (http/calendar-feed.ts)
 * with short Outlook instructions, and "Neuen Link erstellen", which revokes the old link at once
 * (StaffFeedLinks counts the link's generation up). Only in the personal chat: a group would see the
 * link, so there the bot only asks to use the personal chat.
 */
import type { Language } from '../../domain/types';
import { card, execute, subtle, text, title } from '../cards/ac';
import type { BotRouter } from '../commands';
import type { BotTurn } from '../command-router';
import { calendarLinkTexts } from './calendar-link-texts';
import { cardHandler, sendCard, type CalendarFeedLinks } from './common';

function calendarLinkCard(lang: Language, url: string, renewed = false) {
  const T = calendarLinkTexts[lang];
  return card(
    [
      title(T.title),
      renewed && text(T.renewed, { weight: 'Bolder' }),
      text(T.intro),
      // Monospace and selectable, so it can be copied whole.
      text(url, { fontType: 'Monospace' }),
      text(T.outlook),
      subtle(T.keepPrivate),
    ],
    [execute(T.renew, { verb: 'calendar.renew' }, { associatedInputs: 'none' })],
  );
}

export async function showCalendarLink(turn: BotTurn, feed: CalendarFeedLinks | undefined): Promise<void> {
  const T = calendarLinkTexts[turn.lang];
  if (turn.shared) {
    await turn.context.sendActivity(T.personalOnly);
    return;
  }
  if (!feed) {
    await turn.context.sendActivity(T.notSetUp);
    return;
  }
  await sendCard(turn, calendarLinkCard(turn.lang, await feed.url(turn.staff.id)));
}

export function registerCalendarLinkHandlers(router: BotRouter, feed: CalendarFeedLinks | undefined): void {
  router.action(
    'calendar.renew',
    cardHandler(['calendar.renew'], async (turn) => {
      // A button pressed in a group is answered in the personal chat (TeamsBot); never show the link in a group.
      if (turn.shared || !feed)
        return card([text(calendarLinkTexts[turn.lang][turn.shared ? 'personalOnly' : 'notSetUp'])]);
      const url = await feed.renew(turn.staff.id);
      turn.log.info('calendar feed link renewed');
      return calendarLinkCard(turn.lang, url, true);
    }),
  );
}
