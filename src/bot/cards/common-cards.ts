/** Cards every flow may answer with: a readable error, and "did you mean …?". */
import type { Language } from '../../domain/types';
import { commandTexts } from '../i18n';
import { card, execute, subtle, text, type AdaptiveCard, type Action } from './ac';
import { cardTexts } from './card-texts';

/**
 * A plain-words error that replaces the pressed card. It keeps no buttons of the old card, only
 * ways forward (e.g. "Meine Termine", "Termin buchen").
 */
export function errorCard(lang: Language, message: string, next: Action[] = [], detail?: string): AdaptiveCard {
  return card(
    [text(`⚠️ ${message}`, { weight: 'Bolder', color: 'Attention' }), detail ? subtle(detail) : undefined],
    next.length
      ? next
      : [
          execute(
            commandTexts[lang]['my-appointments'],
            { verb: 'agenda.show', range: { kind: 'today' } },
            { associatedInputs: 'none' },
          ),
          execute(commandTexts[lang].book, { verb: 'book.start' }, { associatedInputs: 'none' }),
        ],
  );
}

/** Shown when a card was tampered with, is from an old version, or lacks required fields. */
export function invalidCard(lang: Language, fields: string[]): AdaptiveCard {
  const C = cardTexts[lang];
  return errorCard(lang, C.incomplete, [], fields.length ? C.concerns(fields.join(', ')) : undefined);
}
