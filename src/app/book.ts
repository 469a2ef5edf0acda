/**
 * Booking use cases for staff (journey 1): find the earliest free slots, hold one while the
 * citizen's details are typed, confirm (idempotent on the card's client key), and attach the video
 * link afterwards. Each takes its ports as arguments and throws DomainError.
 */
import { randomUUID } from 'node:crypto';
import { appointmentUid } from '../domain/calendar-busy';
import { reachOf } from '../domain/appointment-facts';
import type { Clock } from '../domain/clock';
import {
  contactMissing,
  keptPhone,
  validateBooking,
  type BookingRequest,
  type ValidatedBooking,
} from '../domain/booking-rules';
import { parsePhone } from '../domain/phone';
import { bookableColleagues, mayBookInto } from '../domain/booking-rights';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import type { BusyIndex } from '../domain/slots';
import { localDateOf } from '../domain/time';
import type { Appointment, Channel, Citizen, Directory, OutboxMessage, Staff } from '../domain/types';
import type { AbsenceReader, CalendarCheck, ConfirmInput, HoldInput, MeetingProvider, MeetingRequest } from './ports';
import { TIMED_OUT, within } from '../domain/timeout';

/** The store operations booking needs (AppointmentStore implements them). */
export interface BookingStore {
  busyIndex(staffIds: readonly string[], from: number, to: number): Promise<BusyIndex>;
  hold(input: HoldInput): Promise<{ token: string; expiresAt: number }>;
  releaseHold(token: string, holder: string): Promise<boolean>;
  confirm(input: ConfirmInput): Promise<{ appointment: Appointment; created: boolean }>;
  updateMeetingUrl(appointmentId: string, url: string): Promise<Appointment>;
  get(id: string): Promise<Appointment | null>;
}

export interface BookingDeps {
  directory: Directory;
  clock: Clock;
  store: BookingStore;
  absences: AbsenceReader;
  holdTtlSeconds: number;
  /** The staff members' own calendars; refreshed just in time before a hold (absent: provider none). */
  calendars?: CalendarCheck;
}

/**
 * Staff act for themselves; supervisors also for members of the teams they supervise; with
 * `serviceIds` (booking, moving, cancelling an appointment of these services) also for whoever the
 * directory's `bookableBy` settings let them book (src/domain/booking-rights.ts).
 */
export function assertMayActFor(
  directory: Directory,
  actorId: string,
  staffId: string,
  serviceIds: readonly string[] = [],
): Staff {
  const index = indexDirectory(directory);
  const actor = index.staffById(actorId);
  const target = index.staffById(staffId);
  if (!actor) throw new DomainError('unknown-staff', actorId);
  if (!target) throw new DomainError('unknown-staff', staffId);
  if (!mayBookInto(directory, actor, target, serviceIds))
    throw new DomainError('not-allowed', 'acting for a colleague the directory does not allow');
  return target;
}

/** Whom an actor may book for (for at least one service): themselves first, then colleagues in directory order. */
export function bookableStaff(directory: Directory, actorId: string): Staff[] {
  const actor = indexDirectory(directory).staffById(actorId);
  return actor ? bookableColleagues(directory, actor) : [];
}

/**
 * The colleague a "for whom" choice names, if the actor may book them for at least one service (the
 * services offered are then filtered per service): a colleague bookable only for "Auskunft" is one.
 */
export function assertMayBookSomeFor(directory: Directory, actorId: string, staffId: string): Staff {
  if (!indexDirectory(directory).staffById(staffId)) throw new DomainError('unknown-staff', staffId);
  const target = bookableStaff(directory, actorId).find((s) => s.id === staffId);
  if (!target) throw new DomainError('not-allowed', 'booking for a colleague the directory does not allow');
  return target;
}

export interface HoldRequest {
  actorId: string;
  staffId: string;
  serviceId: string;
  /** Several services in one appointment, `serviceId` first. */
  serviceIds?: readonly string[];
  channel: Channel;
  start: number;
}

/** The service ids of a request: `serviceIds` when given (deduplicated), else `serviceId`. */
export function idsOf(req: { serviceId: string; serviceIds?: readonly string[] | undefined }): string[] {
  return req.serviceIds && req.serviceIds.length > 0 ? [...new Set(req.serviceIds)] : [req.serviceId];
}

function requestServices(req: { serviceId: string; serviceIds?: readonly string[] | undefined }) {
  const ids = idsOf(req);
  return { serviceId: ids[0]!, ...(ids.length > 1 ? { serviceIds: ids } : {}) };
}

export interface HeldSlot {
  token: string;
  expiresAt: number;
  start: number;
  end: number;
  /** For idempotent confirmation: generated once, carried by the details card. */
  clientKey: string;
  /**
   * The staff member's own calendar at the time of the hold: `fresh` when the just-in-time check
   * read it; otherwise the hold used the last sync (`checkedAt`, if any), and the card says so.
   */
  calendar?: { label: string; fresh: boolean; checkedAt?: number };
}

/**
 * Just in time: a meeting entered in Outlook since the last sync reaches Redis before a hold or move
 * checks the block (bounded inside; on a timeout or error the last sync counts). A calendar that was
 * never read and could not be read now is refused ('calendar-not-read'): nothing of it is known.
 */
export async function checkCalendar(
  calendars: CalendarCheck | undefined,
  staffId: string,
  block: { start: number; end: number },
): Promise<{ label: string; fresh: boolean; checkedAt?: number } | undefined> {
  if (!calendars) return undefined;
  const { unread, ...checked } = await calendars.refresh(staffId, block);
  if (unread) throw new DomainError('calendar-not-read', staffId);
  return { label: calendars.label, ...checked };
}

/**
 * Every booking rule for a new time, with the absences recorded for its (Berlin) day: what holding,
 * booking and moving (by staff or by the citizen) all check before they write.
 */
export async function validateOnItsDay(
  deps: { directory: Directory; absences: AbsenceReader },
  now: number,
  req: BookingRequest,
): Promise<ValidatedBooking> {
  const day = localDateOf(req.start);
  const absences = await deps.absences.listOverlapping(day, day);
  return validateBooking({ directory: deps.directory, absences, now }, req);
}

/** Validates the booking rules and holds the block for HOLD_TTL_SECONDS; 'slot-taken' if gone. */
export async function holdSlot(deps: BookingDeps, req: HoldRequest): Promise<HeldSlot> {
  assertMayActFor(deps.directory, req.actorId, req.staffId, idsOf(req));
  const v = await validateOnItsDay(deps, deps.clock.now(), {
    ...requestServices(req),
    staffId: req.staffId,
    channel: req.channel,
    start: req.start,
  });
  const calendar = await checkCalendar(deps.calendars, v.staff.id, { start: v.blockStart, end: v.blockEnd });
  const held = await deps.store.hold({
    staffId: v.staff.id,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    ttlMs: deps.holdTtlSeconds * 1000,
    holder: req.actorId,
  });
  return {
    token: held.token,
    expiresAt: held.expiresAt,
    start: v.start,
    end: v.end,
    clientKey: `ck_${randomUUID().replace(/-/g, '')}`,
    ...(calendar ? { calendar } : {}),
  };
}

export interface ConfirmRequest extends HoldRequest {
  holdToken: string;
  clientKey: string;
  citizen: Citizen;
  note?: string;
}

/**
 * Books. Re-validates everything the card carried (a tampered card cannot book outside the rules),
 * then confirms atomically with the invitation (and, for a colleague, a staff notice) in the outbox.
 * A retry with the same client key returns the same appointment (created=false).
 */
export async function confirmBooking(
  deps: BookingDeps & { meetings?: MeetingProvider; meetingTimeoutMs?: number },
  req: ConfirmRequest,
): Promise<{
  appointment: Appointment;
  created: boolean;
  meetingFailed?: boolean;
  /** Why the provider gave no link (its error, with its code: e.g. a missing Graph permission); for the log. */
  meetingError?: unknown;
}> {
  assertMayActFor(deps.directory, req.actorId, req.staffId, idsOf(req));
  const contact = citizenContact(req.channel, req.citizen);
  const now = deps.clock.now();
  const v = await validateOnItsDay(deps, now, {
    ...requestServices(req),
    staffId: req.staffId,
    channel: req.channel,
    start: req.start,
  });
  const ids = idsOf(req);
  const id = `appt_${randomUUID().replace(/-/g, '')}`;
  const citizen: Citizen = { name: req.citizen.name, ...contact, language: req.citizen.language };
  const appointment: Appointment = {
    id,
    uid: appointmentUid(id),
    sequence: 0,
    staffId: v.staff.id,
    serviceId: v.service.id,
    ...(ids.length > 1 ? { serviceIds: ids } : {}),
    channel: v.channel,
    start: v.start,
    end: v.end,
    blockStart: v.blockStart,
    blockEnd: v.blockEnd,
    status: 'booked',
    citizen,
    reachedBy: reachOf(citizen),
    ...(req.note ? { note: req.note } : {}),
    createdAt: now,
    createdBy: req.actorId,
    updatedAt: now,
  };
  // The video link is created BEFORE the confirm writes the invitation to the outbox, so the
  // citizen's first mail carries it. A slow or failing provider does not stop the booking: it is
  // booked without a link and the outbox worker creates one before it sends the invitation.
  let meetingFailed: boolean | undefined;
  let meetingError: unknown;
  if (v.channel === 'video' && deps.meetings) {
    const meeting = await createMeetingWithin(
      deps.meetings,
      { appointmentId: id, subject: v.service.name.de, start: v.start, end: v.end },
      deps.meetingTimeoutMs ?? 4_000,
    );
    if ('joinUrl' in meeting) appointment.meetingUrl = meeting.joinUrl;
    else {
      meetingFailed = true;
      meetingError = meeting.error;
    }
  }
  const outbox: OutboxMessage[] = [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }];
  if (req.actorId !== v.staff.id)
    outbox.push({ kind: 'staff-notice', staffId: v.staff.id, appointmentId: id, event: 'booked-for-you' });
  const result = await deps.store.confirm({
    clientKey: req.clientKey,
    holdToken: req.holdToken,
    holder: req.actorId,
    appointment,
    audit: { at: now, actor: req.actorId, action: 'booked', appointmentId: id },
    outbox,
  });
  // A retry (created=false) returns the first booking; our fresh link was not stored, theirs counts.
  return meetingFailed && result.created && !result.appointment.meetingUrl
    ? { ...result, meetingFailed, meetingError }
    : result;
}

/**
 * The citizen's ways to be reached as stored (booking-rules.ts): the channel's need and "an email or a
 * phone number" ('contact-missing' otherwise), the number checked and stored as E.164, SMS consent
 * only for a mobile number, the number kept only where keptPhone says (data minimisation).
 */
export function citizenContact(
  channel: Channel,
  given: Pick<Citizen, 'email' | 'phone' | 'smsConsent'>,
): Pick<Citizen, 'email' | 'phone' | 'smsConsent'> {
  const missing = contactMissing(channel, given);
  if (missing) throw new DomainError('contact-missing', `${missing} needed for ${channel}`, { missing });
  const parsed = given.phone ? parsePhone(given.phone) : undefined;
  if (parsed === null) throw new DomainError('invalid-input', 'not a valid phone number');
  const consent = given.smsConsent === true && parsed?.kind === 'mobile';
  const phone = keptPhone(channel, given.email, parsed?.e164, consent);
  return {
    ...(given.email ? { email: given.email } : {}),
    ...(phone ? { phone } : {}),
    ...(phone && consent ? { smsConsent: true } : {}),
  };
}

/** The provider's join URL, or why there is none: its error, or a TimeoutError after `timeoutMs`. */
async function createMeetingWithin(
  meetings: MeetingProvider,
  request: MeetingRequest,
  timeoutMs: number,
): Promise<{ joinUrl: string } | { error: unknown }> {
  const outcome = await within(
    meetings.createMeeting(request).then(
      (m) => ({ joinUrl: m.joinUrl }),
      (error: unknown) => ({ error }),
    ),
    timeoutMs,
  );
  if (outcome !== TIMED_OUT) return outcome;
  const error = new Error(`meeting provider gave no answer within ${timeoutMs} ms`);
  error.name = 'TimeoutError';
  return { error };
}

/**
 * Creates the video link through the meeting provider and stores it. A provider failure leaves the
 * booking as it is (the invitation says the link follows) and is reported to the caller for a retry.
 */
export async function attachMeeting(
  deps: { store: BookingStore; meetings: MeetingProvider; directory: Directory },
  appointment: Appointment,
): Promise<{ appointment: Appointment; failed: boolean; error?: unknown }> {
  if (appointment.channel !== 'video' || appointment.meetingUrl) return { appointment, failed: false };
  const service = indexDirectory(deps.directory).serviceById(appointment.serviceId);
  try {
    const { joinUrl } = await deps.meetings.createMeeting({
      appointmentId: appointment.id,
      subject: service?.name.de ?? 'Sprechstunde',
      start: appointment.start,
      end: appointment.end,
    });
    return { appointment: await deps.store.updateMeetingUrl(appointment.id, joinUrl), failed: false };
  } catch (error) {
    // The caller logs the provider's error (e.g. a missing Graph permission); it is not swallowed here.
    return { appointment, failed: true, error };
  }
}
