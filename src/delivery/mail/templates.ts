/**
 * Mail texts, German first (Sie-Form) and English, as plain text and simple HTML.
 * The facts (date, time, channel instructions) come from invitations/appointment-text, the same
 * words the .ics carries, so mail and calendar entry never disagree.
 */
import { displayPhone } from '../../domain/phone';
import {
  appointmentParts,
  channelLabel,
  channelLines,
  formatDate,
  formatTimeRange,
  formatWhen,
  referenceLine,
} from '../../invitations/appointment-text';
import { indexDirectory } from '../../domain/directory-index';
import type { Appointment, CancelCode, Directory, Language, PreviousPlacement } from '../../domain/types';
import { formatSubjectDateTime } from '../../i18n/dates';
import { mailTexts } from '../texts';

export type CitizenMailKind =
  | { kind: 'invitation'; reason: 'booked' | 'rescheduled' | 'replanned'; previous?: PreviousPlacement }
  | { kind: 'cancellation'; reason: 'staff' | 'citizen' | 'replan'; code?: CancelCode }
  | { kind: 'reminder' }
  /** The citizen declined and the staff member kept the appointment: it stays reserved for them. */
  | { kind: 'kept' };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface CitizenMailLinks {
  cancelUrl: string;
  icsUrl: string;
  /** The reschedule page; omitted where the citizen cannot move appointments online. */
  rescheduleUrl?: string;
  /** The privacy notice and accessibility statement pages. */
  privacyUrl?: string;
  accessibilityUrl?: string;
}

/** A paragraph: text, lines (a line that is a URL becomes a link in HTML), or a labelled link. */
export type Block = { text: string } | { label: string; href: string } | { lines: string[] };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function toText(blocks: Block[]): string {
  return blocks
    .map((b) => ('text' in b ? b.text : 'lines' in b ? b.lines.join('\n') : `${b.label}:\n${b.href}`))
    .join('\n\n')
    .concat('\n');
}

export function toHtml(blocks: Block[], language: Language, title: string): string {
  const body = blocks
    .map((b) => {
      if ('text' in b) return `<p>${escapeHtml(b.text)}</p>`;
      if ('lines' in b)
        return `<p>${b.lines.map((l) => (/^https?:\/\//.test(l) ? `<a href="${escapeHtml(l)}">${escapeHtml(l)}</a>` : escapeHtml(l))).join('<br>')}</p>`;
      return `<p><a href="${escapeHtml(b.href)}">${escapeHtml(b.label)}</a></p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#222">\n${body}\n</body></html>\n`;
}

export function renderCitizenMail(
  mail: CitizenMailKind,
  a: Appointment,
  directory: Directory,
  links: CitizenMailLinks,
): RenderedMail {
  const language = a.citizen.language;
  const T = mailTexts[language];
  const { service } = appointmentParts(a, directory);
  const org = directory.organisation;
  const what = service.name[language];
  const when = formatSubjectDateTime(a.start, language);

  const subject =
    mail.kind === 'kept'
      ? T.subjectKept(what, when)
      : mail.kind === 'reminder'
        ? T.subjectReminder(what, when)
        : mail.kind === 'cancellation'
          ? T.subjectCancelled(what, when)
          : mail.reason === 'booked'
            ? T.subjectBooked(what, when)
            : T.subjectChanged(what, when);
  const intro = {
    booked: T.introBooked,
    rescheduled: T.introRescheduled,
    replanned: T.introReplanned,
  };

  const blocks: Block[] = [];
  blocks.push({ text: T.greeting(a.citizen.name) });
  blocks.push({
    text:
      mail.kind === 'kept'
        ? T.introKept
        : mail.kind === 'reminder'
          ? T.introReminder
          : mail.kind === 'invitation'
            ? intro[mail.reason]
            : cancellationIntro(mail, language),
  });
  const reference = referenceLine(a, language);
  blocks.push({
    lines: [
      `${what}`,
      formatDate(a.start, language),
      formatTimeRange(a.start, a.end, language),
      ...(reference ? [reference] : []),
    ],
  });
  if (mail.kind === 'cancellation') blocks.push(...cancellationBlocks(mail, a, directory));
  if (mail.kind === 'invitation' && mail.previous)
    blocks.push({ text: previousLine(mail.previous, a, directory, language) });
  if (mail.kind !== 'cancellation') {
    blocks.push({ lines: channelLines(a, directory, language, 'citizen') });
    if (mail.kind === 'kept') blocks.push({ text: T.keptCancel });
    blocks.push({ label: T.saveToCalendar, href: links.icsUrl });
    if (links.rescheduleUrl) blocks.push({ label: T.moveLink, href: links.rescheduleUrl });
    blocks.push({ label: T.cancelLink, href: links.cancelUrl });
  }
  blocks.push({ lines: [T.regards, org.name, org.address, T.phone(org.phone)] });
  blocks.push({ text: T.automatic });
  if (links.privacyUrl) blocks.push({ label: T.privacy, href: links.privacyUrl });
  if (links.accessibilityUrl) blocks.push({ label: T.accessibility, href: links.accessibilityUrl });

  return { subject, text: toText(blocks), html: toHtml(blocks, language, subject) };
}

/**
 * The first sentence of a cancellation: who cancelled and, for a staff member, after the reason they
 * chose (a cancellation at the citizen's request does not read as the town hall's doing).
 */
function cancellationIntro(mail: Extract<CitizenMailKind, { kind: 'cancellation' }>, language: Language): string {
  const T = mailTexts[language];
  if (mail.reason === 'citizen') return T.cancelledByCitizen;
  if (mail.reason === 'replan') return T.cancelledNoReplacement;
  switch (mail.code) {
    case 'citizen-request':
      return T.cancelledAsRequested;
    case 'not-needed':
      return T.cancelledNotNeeded;
    default:
      return T.cancelledSorry;
  }
}

/**
 * After the facts of a cancellation: the staff member's reason (as chosen, in the citizen's language),
 * and who calls whom. One rule: without a replacement the town hall gets in touch (the supervisor's
 * replanning card lists whom to call); after a staff cancellation for which the citizen may want a new
 * time, they can call; no call is promised for the cancelled appointment itself.
 */
function cancellationBlocks(
  mail: Extract<CitizenMailKind, { kind: 'cancellation' }>,
  a: Appointment,
  directory: Directory,
): Block[] {
  const T = mailTexts[a.citizen.language];
  const phone = directory.organisation.phone;
  const out: Block[] = [];
  if (mail.reason === 'staff' && a.cancelReason) out.push({ text: T.reason(a.cancelReason) });
  if (mail.reason === 'replan')
    out.push({ text: a.citizen.phone ? T.replanWeCall(displayPhone(a.citizen.phone), phone) : T.replanWeWrite(phone) });
  if (mail.reason === 'staff' && mail.code !== 'citizen-request' && mail.code !== 'not-needed')
    out.push({ text: T.callForNew(phone) });
  return out;
}

/** "Bisher: Montag, 4. Mai 2026, 10:00–10:30 Uhr (bei Jonas Becker, Telefon)": the time before a change. */
export function previousLine(
  before: PreviousPlacement,
  a: Pick<Appointment, 'staffId' | 'channel'>,
  directory: Directory,
  language: Language,
): string {
  const T = mailTexts[language];
  const extras: string[] = [];
  if (before.staffId !== a.staffId) {
    const staff = indexDirectory(directory).staffById(before.staffId);
    if (staff) extras.push(T.previousWith(staff.name));
  }
  if (before.channel !== a.channel) extras.push(channelLabel(before.channel, language));
  return T.previous(formatWhen(before, language), extras.length ? ` (${extras.join(', ')})` : '');
}

/**
 * The staff member's copy of an invitation or cancellation, so it lands in their own Outlook calendar;
 * it names the appointment reference (without the citizen's "please quote it") like every mail.
 */
export function renderStaffCopy(
  kind: 'invitation' | 'cancellation',
  a: Appointment,
  directory: Directory,
  previous?: PreviousPlacement,
): RenderedMail {
  const { staff, service } = appointmentParts(a, directory);
  const language = staff.language;
  const T = mailTexts[language];
  const when = formatSubjectDateTime(a.start, language);
  const subject =
    kind === 'invitation'
      ? T.staffCopySubject(service.name[language], when)
      : T.staffCancelledSubject(service.name[language], when);
  const blocks: Block[] = [
    { text: T.staffCopy },
    {
      lines: [
        service.name[language],
        formatWhen(a, language),
        ...(a.ref ? [T.staffReference(a.ref)] : []),
        ...channelLines(a, directory, language, 'staff'),
      ],
    },
  ];
  if (previous) blocks.push({ text: previousLine(previous, a, directory, language) });
  return { subject, text: toText(blocks), html: toHtml(blocks, language, subject) };
}

/** To the staff member an appointment was taken from (`theirs` as they had it): it leaves their calendar. */
export function renderHandoverCopy(theirs: Appointment, toName: string, directory: Directory): RenderedMail {
  const { staff, service } = appointmentParts(theirs, directory);
  const language = staff.language;
  const T = mailTexts[language];
  const subject = T.handoverSubject(service.name[language], formatSubjectDateTime(theirs.start, language));
  const blocks: Block[] = [
    { text: T.handover(toName) },
    {
      lines: [
        service.name[language],
        formatWhen(theirs, language),
        ...(theirs.ref ? [T.staffReference(theirs.ref)] : []),
      ],
    },
  ];
  return { subject, text: toText(blocks), html: toHtml(blocks, language, subject) };
}
