/** Cards every flow may answer with: a readable error, and "did you mean …?". */
import type { Language } from '../../domain/types';
import { card, execute, subtle, text, type AdaptiveCard, type Action } from './ac';
import { tr } from './format';

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
            tr(lang, 'Meine Termine', 'My appointments'),
            { verb: 'agenda.show', range: { kind: 'today' } },
            { associatedInputs: 'none' },
          ),
          execute(tr(lang, 'Termin buchen', 'Book'), { verb: 'book.start' }, { associatedInputs: 'none' }),
        ],
  );
}

/** Shown when a card was tampered with, is from an old version, or lacks required fields. */
export function invalidCard(lang: Language, fields: string[]): AdaptiveCard {
  return errorCard(
    lang,
    tr(
      lang,
      'Diese Eingabe ist unvollständig oder die Karte ist veraltet. Es wurde nichts gespeichert.',
      'This input is incomplete or the card is outdated. Nothing was saved.',
    ),
    [],
    fields.length ? tr(lang, `Betroffen: ${fields.join(', ')}`, `Concerns: ${fields.join(', ')}`) : undefined,
  );
}
