/**
 * Typed Adaptive Card 1.5 building blocks.
 *
 * Why typed builders and not JSON templates: our cards change shape with their state (video vs
 * phone vs in person, hold expired, supervisor booking for a colleague, per-appointment action
 * sets), and every button carries data that comes back to us and is parsed with the zod schemas in
 * `actions.ts`. Builders let the compiler check that the data a card sends is the data the handler
 * expects, keep de/en texts next to the element that shows them, and fail at compile time rather
 * than at run time with an unbound `${…}` expression in a user's chat.
 */
import type { ActionData, OutageAction } from './actions';

export type Element = Record<string, unknown> & { type: string };
export type Action = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: Element[];
  actions?: Action[];
  msteams?: { width: 'Full' };
  [key: string]: unknown;
}

/**
 * Teams measures the whole activity (card, text, addressing) in UTF-16 and refuses it beyond about
 * 100 KB; we keep every activity under 80 KB, with room for the addressing the connector adds.
 */
export const ACTIVITY_BYTES_LIMIT = 80_000;
/** What a card may take so that its activity stays under ACTIVITY_BYTES_LIMIT. */
export const CARD_ACTIVITY_BUDGET = ACTIVITY_BYTES_LIMIT - 4_000;

/** The size Teams counts: the message activity carrying the card (and its text), as UTF-16 (2 bytes per code unit). */
export function activityBytes(c: Record<string, unknown>, activityText = ''): number {
  const activity = {
    type: 'message',
    ...(activityText ? { text: activityText } : {}),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: c }],
  };
  return 2 * JSON.stringify(activity).length;
}

export function card(
  body: (Element | false | undefined)[],
  actions: (Action | false | undefined)[] = [],
): AdaptiveCard {
  const acts = actions.filter((a): a is Action => !!a);
  const c: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: body.filter((e): e is Element => !!e),
    msteams: { width: 'Full' },
  };
  if (acts.length) c.actions = acts;
  return c;
}

export const cardBytes = (c: AdaptiveCard): number => Buffer.byteLength(JSON.stringify(c), 'utf8');

export function text(value: string, opts: Record<string, unknown> = {}): Element {
  return { type: 'TextBlock', text: value, wrap: true, ...opts };
}

export const title = (value: string): Element => text(value, { size: 'Medium', weight: 'Bolder', style: 'heading' });
export const subtle = (value: string, opts: Record<string, unknown> = {}): Element =>
  text(value, { isSubtle: true, spacing: 'Small', ...opts });

export function facts(list: [string, string | undefined][]): Element {
  return {
    type: 'FactSet',
    facts: list.filter(([, v]) => v !== undefined && v !== '').map(([t, v]) => ({ title: t, value: v })),
  };
}

/**
 * "Label: value" lines, not a FactSet: a FactSet is a table, and a long e-mail address or meeting
 * link without spaces widens it past a phone's edge; a wrapping TextBlock breaks such words.
 */
export function details(list: [string, string | undefined][]): Element | undefined {
  const shown = list.filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  if (shown.length === 0) return undefined;
  return container(shown.map(([label, value], i) => text(`${label}: ${value}`, i > 0 ? { spacing: 'None' } : {})));
}

export function container(items: (Element | false | undefined)[], opts: Record<string, unknown> = {}): Element {
  return { type: 'Container', items: items.filter((e): e is Element => !!e), ...opts };
}

export function columns(
  cols: { items: (Element | false | undefined)[]; width?: string; verticalContentAlignment?: string }[],
  opts: Record<string, unknown> = {},
): Element {
  return {
    type: 'ColumnSet',
    columns: cols.map((c) => ({
      type: 'Column',
      width: c.width ?? 'stretch',
      items: c.items.filter((e): e is Element => !!e),
      ...(c.verticalContentAlignment ? { verticalContentAlignment: c.verticalContentAlignment } : {}),
    })),
    ...opts,
  };
}

export function actionSet(actions: (Action | false | undefined)[], opts: Record<string, unknown> = {}): Element {
  return { type: 'ActionSet', actions: actions.filter((a): a is Action => !!a), ...opts };
}

/**
 * How many characters of button titles fit in one row on a phone (360 px), counting 4 more per
 * button for its padding and the gap: Teams lays out one row per ActionSet (and one for the card's
 * own actions) and cuts every title with "…" when they do not fit ("Weitere T…", "Mor…").
 */
export const PHONE_ROW_CHARS = 36;
/** More than three buttons in a row never fit a phone, however short. */
export const PHONE_ROW_BUTTONS = 3;

export const rowChars = (actions: readonly Action[]): number =>
  actions.reduce((n, a) => n + (typeof a.title === 'string' ? a.title.length : 0) + 4, 0);

/** Whether a row of buttons fits a phone's width. */
export const fitsPhoneRow = (actions: readonly Action[]): boolean =>
  actions.length <= PHONE_ROW_BUTTONS && rowChars(actions) <= PHONE_ROW_CHARS;

/**
 * Buttons in as few ActionSets as fit a phone's width, in their order (a long title gets a row of its own).
 * `opts` place the first row; the rows after it follow closely, so they read as one group of buttons.
 */
export function actionRows(actions: (Action | false | undefined)[], opts: Record<string, unknown> = {}): Element[] {
  const rows: Action[][] = [];
  for (const a of actions.filter((x): x is Action => !!x)) {
    const last = rows[rows.length - 1];
    if (last && fitsPhoneRow([...last, a])) last.push(a);
    else rows.push([a]);
  }
  return rows.map((row, i) => actionSet(row, i > 0 ? { ...opts, spacing: 'Small' } : opts));
}

/**
 * Action.Execute (Universal Actions): Teams sends an `adaptiveCard/action` invoke and replaces the
 * card with the one we answer, so a used card never keeps live buttons. Every current Teams client
 * (desktop, web, iOS, Android) supports it, so no Action.Submit fallback is sent (it made every card
 * about a fifth bigger); Action.Submit from cards sent earlier is still handled the same way.
 */
export function execute(
  titleText: string,
  // A form's submit button may carry only its verb: the inputs bring the rest.
  data: ActionData | OutageAction | Pick<OutageAction, 'verb'>,
  opts: { style?: 'positive' | 'destructive'; associatedInputs?: 'auto' | 'none'; id?: string } = {},
): Action {
  const { verb, ...rest } = data;
  return {
    type: 'Action.Execute',
    title: titleText,
    verb,
    data: { verb, ...rest },
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.id ? { id: opts.id } : {}),
    associatedInputs: opts.associatedInputs ?? 'auto',
  };
}

export function openUrl(titleText: string, url: string): Action {
  return { type: 'Action.OpenUrl', title: titleText, url };
}

export function input(
  type: 'Text' | 'Date' | 'ChoiceSet' | 'Toggle',
  id: string,
  opts: Record<string, unknown>,
): Element {
  return { type: `Input.${type}`, id, ...opts };
}
