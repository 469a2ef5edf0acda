/**
 * The citizen's details and the review: the details form checked by the one rule of who can be
 * booked (app/book.ts citizenContact), marked where something is missing, else the review of what
 * would be booked, with the citizen's upcoming appointment for such a service as a hint.
 */
import { assertMayActFor, citizenContact } from '../../app/book';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import { citizenIsReminded } from '../../domain/booking-rules';
import { parsePhone } from '../../domain/phone';
import { isDomainError } from '../../domain/errors';
import type { Channel } from '../../domain/types';
import { emailAddress, type ActionOf } from '../cards/actions';
import { detailsCard, type DuplicateView, type ReviewCardView } from '../cards/booking-cards';
import { formatDateTime } from '../../i18n/dates';
import { upcomingDuplicate } from '../../app/citizen-history';
import { cardTexts } from '../cards/card-texts';
import type { BotTurn } from '../command-router';
import { named, type CardLike } from './common';
import { z } from 'zod';
import { flowIds, flowOf, flowService, serviceNamed, servingOf, staffName, type Deps } from './booking-flow';

/** Citizen details as the details/review cards need them; `invalid` lists what is missing. */
const detailsSchema = z.object({
  citizenName: z.string().min(1).max(120),
  citizenEmail: emailAddress.optional(),
  citizenLanguage: z.enum(['de', 'en']).default('de'),
  note: z.string().max(500).optional(),
});

type HeldAction = ActionOf<'book.details' | 'book.submit' | 'book.edit' | 'book.confirm'>;

export function heldView(turn: BotTurn, deps: Deps, a: HeldAction) {
  const target = assertMayActFor(turn.directory, turn.staff.id, servingOf(turn, a), flowIds(a));
  const service = flowService(turn.directory, a);
  return {
    lang: turn.lang,
    flow: flowOf(a),
    forStaff: named(target),
    self: target.id === turn.staff.id,
    service: serviceNamed(service, turn.lang),
    start: a.start,
    end: a.start + service.durationMin * 60_000,
    holdToken: a.holdToken,
    // Cards from before holdExpiresAt was carried: the hold lasts HOLD_TTL_SECONDS from about now.
    holdExpiresAt: a.holdExpiresAt ?? deps.clock.now() + deps.staff.holdTtlSeconds * 1000,
    clientKey: a.clientKey,
    phoneOffered: service.channels.includes('phone'),
  };
}

export const valuesOf = (a: HeldAction) => ({
  ...(a.citizenName ? { citizenName: a.citizenName } : {}),
  ...(a.citizenEmail ? { citizenEmail: a.citizenEmail } : {}),
  ...(a.citizenPhone ? { citizenPhone: a.citizenPhone } : {}),
  ...(a.note ? { note: a.note } : {}),
  ...(a.citizenLanguage ? { citizenLanguage: a.citizenLanguage } : {}),
  ...(a.citizenSms !== undefined ? { citizenSms: a.citizenSms } : {}),
});

/**
 * The details form checked: the form again with what is missing or invalid marked, or the review of
 * what would be booked (with the citizen's upcoming appointment for such a service, if any).
 */
export async function checkDetails(
  turn: BotTurn,
  deps: Deps,
  a: ActionOf<'book.details' | 'book.submit'>,
): Promise<{ marked: CardLike } | { review: ReviewCardView }> {
  const view = heldView(turn, deps, a);
  const invalid: string[] = [];
  const d = detailsSchema.safeParse({
    citizenName: a.citizenName,
    citizenEmail: a.citizenEmail,
    citizenLanguage: a.citizenLanguage,
    note: a.note,
  });
  if (!d.success) invalid.push(...new Set(d.error.issues.map((i) => String(i.path[0]))));
  // The one rule of who can be booked (app/book.ts citizenContact): the channel's need, an email or
  // a phone number, a valid number; what it refuses is marked on the form.
  let contact: ReturnType<typeof citizenContact> | undefined;
  let reachMissing = false;
  try {
    contact = citizenContact(a.channel, {
      ...(d.success && d.data.citizenEmail ? { email: d.data.citizenEmail } : {}),
      ...(a.citizenPhone ? { phone: a.citizenPhone } : {}),
      smsConsent: a.citizenSms !== false,
    });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    const missing = e.facts.missing;
    if (e.code === 'invalid-input') invalid.push('citizenPhone');
    else if (missing === 'email' && !invalid.includes('citizenEmail')) invalid.push('citizenEmail');
    else if (missing === 'phone') invalid.push('citizenPhone');
    else if (missing === 'email-or-phone') reachMissing = true;
  }
  if (a.citizenPhone && !parsePhone(a.citizenPhone) && !invalid.includes('citizenPhone')) invalid.push('citizenPhone');
  if (!d.success || invalid.length || reachMissing || !contact)
    return {
      marked: detailsCard({ ...view, values: valuesOf(a), invalid, ...(reachMissing ? { reachMissing } : {}) }),
    };
  const duplicate = await duplicateOf(turn, deps, a, contact, { staffId: view.forStaff.id, start: view.start });
  return {
    review: {
      ...view,
      ...(duplicate ? { duplicate } : {}),
      values: {
        citizenName: d.data.citizenName,
        citizenLanguage: d.data.citizenLanguage,
        ...(contact.email ? { citizenEmail: contact.email } : {}),
        ...(d.data.note ? { note: d.data.note } : {}),
        ...(contact.phone ? { citizenPhone: contact.phone } : {}),
        citizenSms: contact.smsConsent === true,
      },
      ...(citizenIsReminded(
        { email: contact.email, bookedAt: deps.clock.now(), start: view.start },
        deps.staff.reminderMinutes,
      )
        ? { reminderMinutes: deps.staff.reminderMinutes }
        : {}),
    },
  };
}

/**
 * The citizen's upcoming appointment for one of these services, if the clerk may see one (same email or
 * phone: app/citizen-history.ts), as the review card's hint.
 */
async function duplicateOf(
  turn: BotTurn,
  deps: Deps,
  flow: { serviceId: string; serviceIds?: readonly string[] | undefined; channel: Channel },
  contact: { email?: string | undefined; phone?: string | undefined },
  held?: { staffId: string; start: number },
): Promise<DuplicateView | undefined> {
  const d = await upcomingDuplicate(
    {
      directory: turn.directory,
      clock: deps.clock,
      index: deps.staff.search.index,
      appointments: deps.staff.search.appointments,
    },
    {
      actorId: turn.staff.id,
      citizen: {
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.phone ? { phone: contact.phone } : {}),
      },
      serviceIds: flowIds(flow),
      ...(held ? { held } : {}),
    },
  );
  if (!d) return undefined;
  return {
    appointmentId: d.id,
    sequence: d.sequence,
    citizenName: d.citizen.name,
    serviceName: serviceFor(turn.directory, serviceIdsOf(d)).name[turn.lang],
    when: formatDateTime(d.start, turn.lang),
    staffName: d.staffId === turn.staff.id ? cardTexts[turn.lang].you : staffName(turn, d.staffId),
    ...(d.ref ? { reference: d.ref } : {}),
    sameChannel: d.channel === flow.channel,
  };
}
