/**
 * Mail texts, German first (Sie-Form) and English, as plain text and simple HTML.
 * The facts (date, time, channel instructions) come from calendar/appointment-text, the same
 * words the .ics carries, so mail and calendar entry never disagree.
 */
import {
  appointmentParts,
  channelLabel,
  channelLines,
  formatDate,
  formatTimeRange,
  formatWhen,
  localStart,
} from '../calendar/appointment-text';
import { indexDirectory } from '../domain/directory-index';
import type { Appointment, CancelCode, Directory, Language, PreviousPlacement } from '../domain/types';

export type CitizenMailKind =
  | { kind: 'invitation'; reason: 'booked' | 'rescheduled' | 'replanned'; previous?: PreviousPlacement }
  | { kind: 'cancellation'; reason: 'staff' | 'citizen' | 'replan'; code?: CancelCode }
  | { kind: 'reminder' };

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

type Block = { text: string } | { label: string; href: string } | { lines: string[] };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function toText(blocks: Block[]): string {
  return blocks
    .map((b) => ('text' in b ? b.text : 'lines' in b ? b.lines.join('\n') : `${b.label}:\n${b.href}`))
    .join('\n\n')
    .concat('\n');
}

function toHtml(blocks: Block[], language: Language, title: string): string {
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

function shortWhen(a: Appointment, language: Language): string {
  const dt = localStart(a.start, language);
  return language === 'de'
    ? `${dt.toFormat('ccc dd.LL.yyyy')}, ${dt.toFormat('HH:mm')} Uhr`
    : `${dt.toFormat('ccc d LLL yyyy')}, ${dt.toFormat('HH:mm')}`;
}

export function renderCitizenMail(
  mail: CitizenMailKind,
  a: Appointment,
  directory: Directory,
  links: CitizenMailLinks,
): RenderedMail {
  const language = a.citizen.language;
  const de = language === 'de';
  const { service } = appointmentParts(a, directory);
  const org = directory.organisation;
  const what = service.name[language];
  const when = shortWhen(a, language);

  const subject = {
    invitation: {
      booked: de ? `Terminbestätigung: ${what}, ${when}` : `Appointment confirmed: ${what}, ${when}`,
      rescheduled: de ? `Terminänderung: ${what}, ${when}` : `Appointment changed: ${what}, ${when}`,
      replanned: de ? `Terminänderung: ${what}, ${when}` : `Appointment changed: ${what}, ${when}`,
    },
    cancellation: de ? `Terminabsage: ${what}, ${when}` : `Appointment cancelled: ${what}, ${when}`,
    reminder: de ? `Erinnerung: ${what}, ${when}` : `Reminder: ${what}, ${when}`,
  };

  const intro: Record<string, string> = de
    ? {
        booked:
          'Ihr Termin bei der Stadtverwaltung ist gebucht. Die Einladung für Ihren Kalender finden Sie im Anhang.',
        rescheduled:
          'Ihr Termin wurde verschoben. Es gilt die folgende neue Zeit; Ihr Kalender übernimmt die Änderung aus dem Anhang.',
        replanned:
          'Ihr Termin wurde geändert. Bitte beachten Sie die neuen Angaben; Ihr Kalender übernimmt die Änderung aus dem Anhang.',
        reminder: 'Wir erinnern Sie an Ihren Termin.',
      }
    : {
        booked: 'Your appointment with the town hall is booked. The invitation for your calendar is attached.',
        rescheduled:
          'Your appointment has been moved. The new time is below; your calendar applies the change from the attachment.',
        replanned:
          'Your appointment has changed. Please note the new details; your calendar applies the change from the attachment.',
        reminder: 'This is a reminder of your appointment.',
      };

  const greeting = de ? `Guten Tag ${a.citizen.name},` : `Hello ${a.citizen.name},`;
  const blocks: Block[] = [];
  blocks.push({ text: greeting });
  blocks.push({
    text:
      mail.kind === 'reminder'
        ? intro.reminder!
        : mail.kind === 'invitation'
          ? intro[mail.reason]!
          : cancellationIntro(mail, language),
  });
  blocks.push({ lines: [`${what}`, formatDate(a.start, language), formatTimeRange(a.start, a.end, language)] });
  if (mail.kind === 'cancellation') blocks.push(...cancellationBlocks(mail, a, directory));
  if (mail.kind === 'invitation' && mail.previous)
    blocks.push({ text: previousLine(mail.previous, a, directory, language) });
  if (mail.kind !== 'cancellation') {
    blocks.push({ lines: channelLines(a, directory, language, 'citizen') });
    blocks.push({
      label: de ? 'Termin im Kalender speichern (.ics)' : 'Save to your calendar (.ics)',
      href: links.icsUrl,
    });
    if (links.rescheduleUrl)
      blocks.push({
        label: de ? 'Termin verschieben (andere Zeit wählen)' : 'Move this appointment (choose another time)',
        href: links.rescheduleUrl,
      });
    blocks.push({ label: de ? 'Termin absagen' : 'Cancel this appointment', href: links.cancelUrl });
  }
  blocks.push({
    lines: [
      de ? 'Mit freundlichen Grüßen' : 'Kind regards',
      org.name,
      org.address,
      `${de ? 'Telefon' : 'Phone'} ${org.phone}`,
    ],
  });
  blocks.push({
    text: de
      ? 'Diese E-Mail wurde automatisch erstellt. Antworten erreichen das Terminpostfach.'
      : 'This email was generated automatically. Replies reach our appointment mailbox.',
  });

  const legal = [
    ...(links.privacyUrl ? [{ label: de ? 'Datenschutzhinweise' : 'Privacy notice', href: links.privacyUrl }] : []),
    ...(links.accessibilityUrl
      ? [{ label: de ? 'Erklärung zur Barrierefreiheit' : 'Accessibility statement', href: links.accessibilityUrl }]
      : []),
  ];
  blocks.push(...legal);

  const s = mail.kind === 'invitation' ? subject.invitation[mail.reason] : subject[mail.kind];
  return { subject: s, text: toText(blocks), html: toHtml(blocks, language, s) };
}

/**
 * The first sentence of a cancellation: who cancelled and, for a staff member, after the reason they
 * chose (a cancellation at the citizen's request does not read as the town hall's doing).
 */
function cancellationIntro(mail: Extract<CitizenMailKind, { kind: 'cancellation' }>, language: Language): string {
  const de = language === 'de';
  if (mail.reason === 'citizen')
    return de
      ? 'Sie haben Ihren Termin abgesagt. Der Termin ist aus Ihrem Kalender entfernt, sobald Sie die Absage im Anhang öffnen.'
      : 'You have cancelled your appointment. Opening the attached cancellation removes it from your calendar.';
  if (mail.reason === 'replan')
    return de
      ? 'Leider müssen wir Ihren Termin absagen: Wegen eines Personalausfalls haben wir keinen Ersatztermin gefunden.'
      : 'Unfortunately we have to cancel your appointment: because of staff absence we could not find a replacement.';
  switch (mail.code) {
    case 'citizen-request':
      return de
        ? 'Wie gewünscht haben wir Ihren Termin abgesagt.'
        : 'As you asked, we have cancelled your appointment.';
    case 'not-needed':
      return de ? 'Wir haben Ihren Termin abgesagt.' : 'We have cancelled your appointment.';
    default:
      return de ? 'Leider müssen wir Ihren Termin absagen.' : 'Unfortunately we have to cancel your appointment.';
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
  const de = a.citizen.language === 'de';
  const phone = directory.organisation.phone;
  const out: Block[] = [];
  if (mail.reason === 'staff' && a.cancelReason) out.push({ text: `${de ? 'Grund' : 'Reason'}: ${a.cancelReason}` });
  if (mail.reason === 'replan')
    out.push({
      text: a.citizen.phone
        ? de
          ? `Wir rufen Sie unter ${a.citizen.phone} an, um einen neuen Termin zu vereinbaren. Sie erreichen uns auch selbst unter ${phone}.`
          : `We will call you on ${a.citizen.phone} to arrange a new appointment. You can also reach us on ${phone}.`
        : de
          ? `Wir melden uns per E-Mail bei Ihnen, um einen neuen Termin zu vereinbaren. Sie erreichen uns auch selbst unter ${phone}.`
          : `We will contact you by email to arrange a new appointment. You can also reach us on ${phone}.`,
    });
  if (mail.reason === 'staff' && mail.code !== 'citizen-request' && mail.code !== 'not-needed')
    out.push({
      text: de
        ? `Einen neuen Termin vereinbaren Sie gern unter ${phone}.`
        : `To arrange a new appointment, please call us on ${phone}.`,
    });
  return out;
}

/** "Bisher: Montag, 4. Mai 2026, 10:00–10:30 Uhr (bei Jonas Becker, Telefon)": the time before a change. */
export function previousLine(
  before: PreviousPlacement,
  a: Pick<Appointment, 'staffId' | 'channel'>,
  directory: Directory,
  language: Language,
): string {
  const de = language === 'de';
  const when = `${formatDate(before.start, language)}, ${formatTimeRange(before.start, before.end, language)}`;
  const extras: string[] = [];
  if (before.staffId !== a.staffId) {
    const staff = indexDirectory(directory).staffById(before.staffId);
    if (staff) extras.push(de ? `bei ${staff.name}` : `with ${staff.name}`);
  }
  if (before.channel !== a.channel) extras.push(channelLabel(before.channel, language));
  const tail = extras.length ? ` (${extras.join(', ')})` : '';
  return de ? `Bisher: ${when}${tail}.` : `Previously: ${when}${tail}.`;
}

/** The staff member's copy of an invitation or cancellation, so it lands in their own Outlook calendar. */
export function renderStaffCopy(
  kind: 'invitation' | 'cancellation',
  a: Appointment,
  directory: Directory,
  previous?: PreviousPlacement,
): RenderedMail {
  const { staff, service } = appointmentParts(a, directory);
  const language = staff.language;
  const de = language === 'de';
  const when = shortWhen(a, language);
  const subject =
    kind === 'invitation'
      ? `${de ? 'Sprechstunde' : 'Consultation'}: ${service.name[language]}, ${when}`
      : `${de ? 'Abgesagt' : 'Cancelled'}: ${service.name[language]}, ${when}`;
  const blocks: Block[] = [
    {
      text: de
        ? 'Kopie für Ihren Kalender (vom Sprechstunden-Bot).'
        : 'Copy for your calendar (from the consultation bot).',
    },
    { lines: [service.name[language], formatWhen(a, language), ...channelLines(a, directory, language, 'staff')] },
  ];
  if (previous) blocks.push({ text: previousLine(previous, a, directory, language) });
  return { subject, text: toText(blocks), html: toHtml(blocks, language, subject) };
}

/** To the staff member an appointment was taken from (`theirs` as they had it): it leaves their calendar. */
export function renderHandoverCopy(theirs: Appointment, toName: string, directory: Directory): RenderedMail {
  const { staff, service } = appointmentParts(theirs, directory);
  const language = staff.language;
  const de = language === 'de';
  const subject = `${de ? 'Übergeben' : 'Handed over'}: ${service.name[language]}, ${shortWhen(theirs, language)}`;
  const blocks: Block[] = [
    {
      text: de
        ? `Dieser Termin wurde an ${toName} übergeben und entfällt für Sie; Ihr Kalender entfernt ihn (vom Sprechstunden-Bot).`
        : `This appointment was handed over to ${toName} and no longer involves you; your calendar removes it (from the consultation bot).`,
    },
    { lines: [service.name[language], formatWhen(theirs, language)] },
  ];
  return { subject, text: toText(blocks), html: toHtml(blocks, language, subject) };
}
