/**
 * Validation of a requested booking (or a move) before anything is written. Every rule that does
 * not need the current calendar lives here; the Lua scripts re-check only the overlap, atomically.
 * Each violation is a DomainError whose code the edges turn into a message staff understand.
 */
import { absenceModeOn, bookableIntervals, workingIntervals } from './availability';
import { indexDirectory } from './directory-index';
import { DomainError } from './errors';
import { offersAll, serviceFor } from './services';
import { blockFor, earliestStart, horizonEnd, lastBookableDate, onSlotGrid } from './slots';
import { localDateOf } from './time';
import { isMobile } from './phone';
import type { Absence, Appointment, Channel, Citizen, Directory, Service, Staff } from './types';

export interface BookingRequest {
  serviceId: string;
  /** Several services in one appointment, `serviceId` first (src/domain/services.ts). */
  serviceIds?: readonly string[];
  staffId: string;
  channel: Channel;
  start: number;
  /** Defaults to start + the service's duration. */
  end?: number;
}

export interface BookingRuleContext {
  directory: Directory;
  /** Absences (at least those of the staff member on that day). */
  absences: readonly Absence[];
  now: number;
}

export interface ValidatedBooking {
  service: Service;
  staff: Staff;
  channel: Channel;
  start: number;
  end: number;
  blockStart: number;
  blockEnd: number;
}

/** Throws the first rule the request breaks; returns the request with its block otherwise. */
export function validateBooking(ctx: BookingRuleContext, req: BookingRequest): ValidatedBooking {
  const index = indexDirectory(ctx.directory);
  const ids = req.serviceIds && req.serviceIds.length > 0 ? req.serviceIds : [req.serviceId];
  const service = serviceFor(ctx.directory, ids);
  const staff = index.staffById(req.staffId);
  if (!staff) throw new DomainError('unknown-staff', `staff ${req.staffId}`);
  if (!service.channels.includes(req.channel))
    throw new DomainError('channel-not-offered', `${service.id} is not offered by ${req.channel}`, {
      channel: req.channel,
    });
  if (!offersAll(staff, ids))
    throw new DomainError('service-not-offered-by-staff', `${staff.id} does not offer ${ids.join('+')}`);
  if (!Number.isFinite(req.start) || (req.end !== undefined && !Number.isFinite(req.end)))
    throw new DomainError('invalid-range', 'start/end is not a time');
  const { start, end, blockStart, blockEnd } = blockFor(service, req.start, req.end);
  if (end <= start) throw new DomainError('invalid-range', 'end before start');
  if (start < ctx.now) throw new DomainError('slot-in-past');
  if (!onSlotGrid(service, start))
    throw new DomainError('not-offered', `${new Date(start).toISOString()} is off the ${service.id} slot grid`);
  if (start < earliestStart(service, ctx.now))
    throw new DomainError('too-short-notice', `${service.minNoticeMin} min notice`, {
      minNoticeMin: service.minNoticeMin,
      earliest: earliestStart(service, ctx.now),
    });
  if (start >= horizonEnd(service, ctx.now))
    throw new DomainError('beyond-horizon', `${service.horizonDays} days`, {
      horizonDays: service.horizonDays,
      lastDate: lastBookableDate(service, ctx.now),
    });

  const date = localDateOf(start);
  // A block reaching over midnight is outside every working interval anyway.
  const mode = absenceModeOn(ctx.absences, staff.id, date);
  if (mode === 'absent') throw new DomainError('staff-absent', `${staff.id} is absent on ${date}`, { date });
  const within = (ivs: readonly { start: number; end: number }[]) =>
    ivs.some((iv) => iv.start <= blockStart && blockEnd <= iv.end);
  // The slot search offers blocks inside the same bookableIntervals (src/domain/slots.ts).
  if (!within(workingIntervals(ctx.directory, staff, date)))
    throw new DomainError('outside-working-hours', `${staff.id} on ${date}`, { date });
  if (!within(bookableIntervals(ctx.directory, staff, date, req.channel, mode))) {
    if (mode === 'home-office-only' && req.channel === 'in-person')
      throw new DomainError('staff-absent', `${staff.id} works from home only on ${date}`, { date, mode });
    throw new DomainError('not-on-site', `${staff.id} is not on site for ${req.channel}`, { channel: req.channel });
  }
  return { service, staff, channel: req.channel, start, end, blockStart, blockEnd };
}

/** A completed/no-show mark needs a booked (or already marked) appointment that has started. */
/**
 * Whether the citizen may still move the appointment through the reschedule link
 * (RESCHEDULE_MAX_MOVES): the page refuses a move after the last allowed one, and mails after it no
 * longer offer the link.
 */
export function citizenMayMoveAgain(a: Pick<Appointment, 'citizenMoves'>, maxMoves: number): boolean {
  return (a.citizenMoves ?? 0) < maxMoves;
}

export function validateOutcome(appointment: Pick<Appointment, 'status' | 'start'>, now: number): void {
  if (appointment.status === 'cancelled') throw new DomainError('appointment-not-active', 'cancelled');
  // Not a question of rights: the appointment simply has not begun, and the staff member is told so.
  if (now < appointment.start) throw new DomainError('not-started', 'the appointment has not started yet');
}

/**
 * Whether the citizen gets a reminder mail `windowMinutes` before the start: only with an email address,
 * and not when the appointment was booked inside that window (the invitation has only just arrived).
 */
export function citizenIsReminded(
  booking: { email?: string | undefined; bookedAt: number; start: number },
  windowMinutes: number,
): boolean {
  return Boolean(booking.email) && booking.bookedAt <= booking.start - windowMinutes * 60_000;
}

/** The same for the reminder SMS (REMINDER_SMS_MINUTES): SMS must reach the citizen (smsReaches). */
export function smsIsReminded(
  booking: Pick<Citizen, 'phone' | 'smsConsent'> & { bookedAt: number; start: number },
  windowMinutes: number,
): boolean {
  return smsReaches(booking) && booking.bookedAt <= booking.start - windowMinutes * 60_000;
}

/**
 * What a channel needs from the citizen: an email address for video (the link goes there), a phone
 * number for a phone consultation (the staff member calls). In person needs neither by itself — but
 * every booking needs one way to reach the citizen (contactMissing).
 */
export const citizenNeeds = (channel: Channel): { email: boolean; phone: boolean } => ({
  email: channel === 'video',
  phone: channel === 'phone',
});

/**
 * What is missing to book this channel for this citizen, or null: the channel's own need
 * (citizenNeeds), and for every booking an email address or a phone number, so that a change can
 * reach them (mail, SMS, or a call by the staff member). Nobody is booked who cannot be reached.
 */
export function contactMissing(
  channel: Channel,
  citizen: { email?: string | undefined; phone?: string | undefined },
): 'email' | 'phone' | 'email-or-phone' | null {
  const needs = citizenNeeds(channel);
  if (needs.email && !citizen.email) return 'email';
  if (needs.phone && !citizen.phone) return 'phone';
  if (!citizen.email && !citizen.phone) return 'email-or-phone';
  return null;
}

/** Whether SMS go to the citizen: they agreed, and the number is a mobile one. */
export function smsReaches(citizen: Pick<Citizen, 'phone' | 'smsConsent'>): boolean {
  return citizen.smsConsent === true && isMobile(citizen.phone);
}

/**
 * How a change of the appointment reaches the citizen: by mail, by SMS (both when both are there),
 * or — with neither — only by a call from the staff member ('call': a call card; 'nobody': not even
 * a number, from records of older versions). The one rule behind call cards, the dialogs' "what
 * happens" line and the replanning counts.
 */
export type Reach = { mail: boolean; sms: boolean; call: 'none' | 'phone' | 'nobody' };

export function citizenReach(citizen: Pick<Citizen, 'email' | 'phone' | 'smsConsent'>): Reach {
  const mail = Boolean(citizen.email);
  const sms = smsReaches(citizen);
  const call = mail || sms ? 'none' : citizen.phone ? 'phone' : 'nobody';
  return { mail, sms, call };
}

/**
 * Whether an SMS that failed (refused, undelivered, over the monthly limit) leaves the citizen
 * uninformed, so that the staff member must call: no email address carried the news, and there is a
 * number to call.
 */
export const callAfterSmsFailure = (citizen: Pick<Citizen, 'email' | 'phone'>): boolean =>
  !citizen.email && Boolean(citizen.phone);

/** Whether a change must be phoned through by the staff member (no mail, no SMS). */
export const needsCall = (citizen: Pick<Citizen, 'email' | 'phone' | 'smsConsent'>): boolean =>
  citizenReach(citizen).call !== 'none';

/**
 * Whether an appointment already booked can move to this channel and still reach the citizen: video
 * needs the email address (the link); phone needs a number to call, or the email address, whose
 * invitation then asks the citizen to call the staff member (invitations/appointment-text.ts).
 */
export function channelReaches(channel: Channel, citizen: { email?: string; phone?: string }): boolean {
  if (channel === 'video') return Boolean(citizen.email);
  if (channel === 'phone') return Boolean(citizen.phone || citizen.email);
  return true;
}

/**
 * The phone number kept with a booking (data minimisation): for a phone consultation always; in
 * person when there is no email (to reach them if the visit must move) or the citizen wants SMS;
 * for video only for SMS.
 */
export function keptPhone(
  channel: Channel,
  email: string | undefined,
  phone: string | undefined,
  smsConsent = false,
): string | undefined {
  if (!phone) return undefined;
  if (channel === 'phone') return phone;
  if (smsConsent && isMobile(phone)) return phone;
  if (channel === 'in-person' && !email) return phone;
  return undefined;
}
