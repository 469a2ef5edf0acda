/**
 * Whole mails for the outbox worker: the texts, the iTIP part and the headers.
 *
 * nodemailer's `icalEvent` adds the .ics twice: as a `text/calendar; method=…` alternative (what
 * Outlook/Gmail act on) and as an `application/ics` attachment (what a person can open). Its method
 * defaults to PUBLISH, so it is always set here from the same value as the METHOD line.
 */
import { createHash } from 'node:crypto';
import type { CitizenLinks } from '../../app/citizen-links';
import { appointmentParts } from '../../invitations/appointment-text';
import { buildInvitation, type ItipMethod } from '../../invitations/invitation';
import { citizenMayMoveAgain } from '../../domain/booking-rules';
import type { Appointment, Directory, PreviousPlacement, Staff } from '../../domain/types';
import { addressOf, type MailOptions } from './mailer';
import {
  renderCitizenMail,
  renderHandoverCopy,
  renderStaffCopy,
  type CitizenMailKind,
  type RenderedMail,
} from './templates';

export interface ComposeContext {
  directory: Directory;
  links: CitizenLinks;
  now: number;
  /** MAIL_FROM; defaults to the organisation's mailbox. */
  from?: string;
  /**
   * RESCHEDULE_MAX_MOVES: citizen mails carry the reschedule link only while the citizen may still move
   * the appointment (none at 0, none after the last allowed move); undefined = always.
   */
  rescheduleMaxMoves?: number;
}

/** A Message-ID derived from the dedupe key: a retried mail carries the same id, so clients that dedupe by id show it once. */
export function stableMessageId(dedupeKey: string, directory: Directory): string {
  const domain = directory.organisation.mailbox.split('@')[1] ?? 'localhost';
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${domain}>`;
}

/**
 * The start-up warning when MAIL_FROM (bare or "Name <address>") is another address than the
 * organiser's (ORGANIZER of every invitation): Outlook then shows "on behalf of" and some clients
 * refuse to apply updates. Undefined when they agree or MAIL_FROM is unset.
 */
export function mailFromMismatch(mailFrom: string | undefined, organiser: string): string | undefined {
  if (!mailFrom) return undefined;
  const address = addressOf(mailFrom) ?? mailFrom.trim();
  if (address.toLowerCase() === organiser.trim().toLowerCase()) return undefined;
  return `MAIL_FROM (${address}) differs from the organiser address of the invitations (${organiser}): Outlook shows "on behalf of" and may not apply updates. Use the organisation mailbox as MAIL_FROM, or send as it.`;
}

function sender(ctx: ComposeContext) {
  const org = ctx.directory.organisation;
  return { from: ctx.from ?? { name: org.name, address: org.mailbox }, replyTo: org.mailbox };
}

const ICS_FILE = 'termin.ics';

/** Whether a citizen mail about `a` offers the reschedule link (the link would refuse otherwise). */
export function offersReschedule(a: Appointment, ctx: Pick<ComposeContext, 'rescheduleMaxMoves'>): boolean {
  return ctx.rescheduleMaxMoves === undefined || citizenMayMoveAgain(a, ctx.rescheduleMaxMoves);
}

/** The citizen's address; a citizen booked without email gets no mail (the worker never asks for one). */
function citizenAddress(a: Appointment): string {
  if (!a.citizen.email) throw new Error(`appointment ${a.id}: booked without email, no citizen mail`);
  return a.citizen.email;
}

export function composeCitizenMail(
  kind: CitizenMailKind,
  a: Appointment,
  ctx: ComposeContext,
  dedupeKey: string,
): MailOptions {
  const reschedule = offersReschedule(a, ctx);
  const rendered = renderCitizenMail(kind, a, ctx.directory, {
    cancelUrl: ctx.links.cancelUrl(a.id),
    icsUrl: ctx.links.icsUrl(a.id),
    ...(reschedule ? { rescheduleUrl: ctx.links.rescheduleUrl(a.id) } : {}),
    privacyUrl: ctx.links.privacyUrl(a.citizen.language),
    accessibilityUrl: ctx.links.accessibilityUrl(a.citizen.language),
  });
  const mail: MailOptions = {
    ...sender(ctx),
    to: { name: a.citizen.name, address: citizenAddress(a) },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: stableMessageId(dedupeKey, ctx.directory),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
  // A reminder: the calendar entry exists already. Kept: the citizen declined it in their calendar;
  // the mail says the time stays theirs and links the .ics, without pressing a new invitation on them.
  if (kind.kind === 'reminder' || kind.kind === 'kept') return mail;
  const method: ItipMethod = kind.kind === 'invitation' ? 'REQUEST' : 'CANCEL';
  const ics = buildInvitation(a, ctx.directory, {
    method,
    now: ctx.now,
    audience: 'citizen',
    cancelUrl: ctx.links.cancelUrl(a.id),
    ...(reschedule ? { rescheduleUrl: ctx.links.rescheduleUrl(a.id) } : {}),
  });
  return { ...mail, icalEvent: { method, filename: ICS_FILE, content: ics } };
}

export function composeStaffCopy(
  method: ItipMethod,
  a: Appointment,
  ctx: ComposeContext,
  dedupeKey: string,
  previous?: PreviousPlacement,
): MailOptions {
  const { staff } = appointmentParts(a, ctx.directory);
  const rendered = renderStaffCopy(method === 'REQUEST' ? 'invitation' : 'cancellation', a, ctx.directory, previous);
  const ics = buildInvitation(a, ctx.directory, { method, now: ctx.now, audience: 'staff' });
  return staffMail(ctx, staff, rendered, dedupeKey, method, ics);
}

/**
 * The CANCEL to the staff member who had the appointment before it was handed over to a colleague
 * (replanning, or the citizen chose a colleague on the reschedule page): same UID, the new SEQUENCE,
 * the event as they had it, so it leaves their calendar.
 */
export function composeHandoverCancel(
  a: Appointment,
  previous: PreviousPlacement,
  ctx: ComposeContext,
  dedupeKey: string,
): MailOptions {
  const now = appointmentParts(a, ctx.directory).staff;
  const theirs: Appointment = { ...a, ...previous, status: 'cancelled' };
  if (theirs.channel !== 'video') delete theirs.meetingUrl;
  const { staff } = appointmentParts(theirs, ctx.directory);
  const rendered = renderHandoverCopy(theirs, now.name, ctx.directory);
  const ics = buildInvitation(theirs, ctx.directory, {
    method: 'CANCEL',
    now: ctx.now,
    audience: 'staff',
    handoverTo: now.name,
  });
  return staffMail(ctx, staff, rendered, dedupeKey, 'CANCEL', ics);
}

/** A mail to a staff member with the event as iTIP, so it lands in (or leaves) their own calendar. */
function staffMail(
  ctx: ComposeContext,
  staff: Pick<Staff, 'name' | 'upn'>,
  rendered: RenderedMail,
  dedupeKey: string,
  method: ItipMethod,
  ics: string,
): MailOptions {
  return {
    ...sender(ctx),
    to: { name: staff.name, address: staff.upn },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: stableMessageId(dedupeKey, ctx.directory),
    headers: { 'Auto-Submitted': 'auto-generated' },
    icalEvent: { method, filename: ICS_FILE, content: ics },
  };
}
