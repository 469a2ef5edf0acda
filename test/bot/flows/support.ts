/**
 * Driving the staff cards over real HTTP like Teams does: find a button on the card the bot answered
 * with, "press" it (Action.Execute invoke with the button's data plus the card's inputs) and get the
 * card that replaces it.
 */
import type { Appointment } from '../../../src/domain/types';
import { keys } from '../../../src/store/keys';
import { cardOf, textOf, type TeamsHarness, type TeamsUser } from '../../support/teams-harness';

export type Card = Record<string, unknown>;
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute on a card (card actions, ActionSets, nested containers). */
export function actionsOf(card: unknown): ExecuteAction[] {
  const out: ExecuteAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push(o as unknown as ExecuteAction);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return out;
}

export function findAction(
  card: unknown,
  verb: string,
  pred: (a: ExecuteAction) => boolean = () => true,
): ExecuteAction {
  const found = actionsOf(card).find((a) => a.verb === verb && pred(a));
  if (!found)
    throw new Error(
      `no ${verb} button on the card: ${actionsOf(card)
        .map((a) => `${a.verb} "${a.title}"`)
        .join(', ')}`,
    );
  return found;
}

/** The card an Action.Execute answered with (invoke response body). */
export function invokeCard(body: unknown): Card {
  const b = body as { statusCode?: number; type?: string; value?: unknown };
  if (b?.type !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`invoke answered without a card: ${JSON.stringify(b)}`);
  return b.value as Card;
}

/** Card text (TextBlocks, facts, button titles) for assertions. */
export const cardText = (card: Card): string =>
  textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

export async function press(
  h: TeamsHarness,
  card: unknown,
  verb: string,
  opts: {
    where?: (a: ExecuteAction) => boolean;
    inputs?: Record<string, unknown>;
    user?: TeamsUser;
    locale?: string;
  } = {},
): Promise<Card> {
  const action = findAction(card, verb, opts.where);
  const res = await h.invoke(
    { verb: action.verb, data: { ...action.data, ...(opts.inputs ?? {}) } },
    opts.user ?? h.user(),
    opts.locale ? { locale: opts.locale } : {},
  );
  expect(res.status).toBe(200);
  return invokeCard(res.body);
}

/** The card of the first reply to a typed command. */
export async function command(h: TeamsHarness, text: string, user?: TeamsUser): Promise<Card> {
  const replies = await h.say(text, user ?? h.user());
  const withCard = replies.find((r) => cardOf(r));
  if (!withCard) throw new Error(`no card in the answer to "${text}": ${replies.map((r) => r.text).join(' | ')}`);
  return cardOf(withCard)!;
}

/** Outbox stream entries (key + parsed message) the app wrote so far. */
export async function outboxEntries(h: TeamsHarness): Promise<{ key: string; msg: Record<string, unknown> }[]> {
  const raw = await h.redis.xrange(keys.outbox(), '-', '+');
  return raw.map(([, fields]) => {
    const map = new Map<string, string>();
    for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!, fields[i + 1]!);
    return { key: map.get('key')!, msg: JSON.parse(map.get('msg')!) as Record<string, unknown> };
  });
}

export async function appointmentsOf(h: TeamsHarness, staffId: string): Promise<Appointment[]> {
  return h.app.services.staff.appointments.listForStaff(staffId, 0, 8_640_000_000_000);
}

/**
 * Books through the cards: "Termin buchen" → service → channel → first slot (or `slot`) → details
 * filled in → "Verbindlich buchen". Returns the confirmation card, the start of the booked slot, and
 * the details card with what was typed into it.
 */
export async function bookThroughCards(
  h: TeamsHarness,
  o: {
    serviceId: string;
    channel: string;
    user?: TeamsUser;
    /** Whose calendar ("Bei wem?"): a staff id, '*' for the pool; default the user themselves. */
    forStaffId?: string;
    citizen?: Record<string, string>;
    slotIndex?: number;
  },
): Promise<{ confirmation: Card; start: number; details: Card; citizen: Record<string, string> }> {
  const user = o.user ?? h.user();
  const self = h.directory.staff.find((s) => s.aadObjectId === user.aadObjectId)?.id;
  let card = await command(h, 'Termin buchen', user);
  card = await press(h, card, 'book.service', {
    user,
    where: (a) => a.data.serviceId === o.serviceId,
    inputs: { forStaffId: o.forStaffId ?? self ?? '*' },
  });
  if (actionsOf(card).some((a) => a.verb === 'book.slots' && a.data.channel === o.channel && !('after' in a.data)))
    card = await press(h, card, 'book.slots', { user, where: (a) => a.data.channel === o.channel });
  const slots = actionsOf(card).filter((a) => a.verb === 'book.hold');
  const slot = slots[o.slotIndex ?? 0];
  if (!slot) throw new Error(`no free slot: ${cardText(card)}`);
  const details = await press(h, card, 'book.hold', {
    user,
    where: (a) => a === slot || a.data.start === slot.data.start,
  });
  const citizen = o.citizen ?? {
    citizenName: 'Erika Mustermann',
    citizenEmail: 'erika@example.org',
    citizenLanguage: 'de',
    ...(o.channel === 'phone' ? { citizenPhone: '+49 5137 12345' } : {}),
  };
  const confirmation = await press(h, details, 'book.submit', { user, inputs: citizen });
  return { confirmation, start: Number(slot.data.start), details, citizen };
}
