/**
 * The mail answering a citizen's counter-proposal (iTIP COUNTER): the proposed time cannot be taken
 * over as it is, the appointment stays, and the citizen gets a way to choose another time — the
 * reschedule page when there is one, otherwise the cancel link and the town hall's phone number.
 * German (Sie-Form) and English, like every citizen mail.
 */
import { buildDeclineCounter } from '../calendar/declinecounter';
import { formatWhen } from '../calendar/appointment-text';
import type { Appointment, Directory } from '../domain/types';
import type { ComposeContext } from './compose';
import { stableMessageId } from './compose';
import type { MailOptions } from './transport';
import { escapeHtml } from './templates';

export interface CounterLinks {
  cancelUrl: string;
  /** The page where the citizen picks another free time (when this instance offers one). */
  rescheduleUrl?: string;
}

export function renderDeclineCounter(a: Appointment, directory: Directory, links: CounterLinks) {
  const org = directory.organisation;
  const de = a.citizen.language === 'de';
  const when = formatWhen(a, a.citizen.language);
  const subject = de ? `Ihr Terminvorschlag: ${org.name}` : `Your proposed time: ${org.name}`;
  const lines = de
    ? [
        `Guten Tag ${a.citizen.name},`,
        'vielen Dank für Ihren Vorschlag. Eine andere Zeit können wir aus dem Kalender heraus leider nicht übernehmen; Ihr Termin bleibt deshalb zunächst bestehen:',
        when,
        links.rescheduleUrl
          ? `Eine andere freie Zeit können Sie hier selbst wählen:\n${links.rescheduleUrl}`
          : `Für eine andere Zeit rufen Sie uns bitte an: ${org.phone}. Wenn Sie den Termin nicht wahrnehmen können, sagen Sie ihn bitte hier ab:\n${links.cancelUrl}`,
        `Mit freundlichen Grüßen\n${org.name}`,
      ]
    : [
        `Hello ${a.citizen.name},`,
        'thank you for your proposal. We cannot take over another time from the calendar, so your appointment stays as it is for now:',
        when,
        links.rescheduleUrl
          ? `You can choose another free time here:\n${links.rescheduleUrl}`
          : `For another time please call us: ${org.phone}. If you cannot come, please cancel the appointment here:\n${links.cancelUrl}`,
        `Kind regards\n${org.name}`,
      ];
  const text = `${lines.join('\n\n')}\n`;
  const html = `<!doctype html>\n<html lang="${a.citizen.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family:Arial,sans-serif;font-size:15px;line-height:1.5;color:#222">\n${lines
    .map(
      (l) =>
        `<p>${l
          .split('\n')
          .map((x) => (/^https?:\/\//.test(x) ? `<a href="${escapeHtml(x)}">${escapeHtml(x)}</a>` : escapeHtml(x)))
          .join('<br>')}</p>`,
    )
    .join('\n')}\n</body></html>\n`;
  const comment = de
    ? `Der vorgeschlagene Termin kann nicht übernommen werden. ${links.rescheduleUrl ? `Andere Zeit wählen: ${links.rescheduleUrl}` : `Telefon ${org.phone}`}`
    : `The proposed time cannot be taken over. ${links.rescheduleUrl ? `Choose another time: ${links.rescheduleUrl}` : `Phone ${org.phone}`}`;
  return { subject, text, html, comment };
}

export function composeDeclineCounter(
  a: Appointment,
  ctx: ComposeContext,
  links: CounterLinks,
  dedupeKey: string,
): MailOptions {
  const org = ctx.directory.organisation;
  const rendered = renderDeclineCounter(a, ctx.directory, links);
  const ics = buildDeclineCounter(a, ctx.directory, { now: ctx.now, comment: rendered.comment });
  return {
    from: ctx.from ?? { name: org.name, address: org.mailbox },
    replyTo: org.mailbox,
    to: { name: a.citizen.name, address: a.citizen.email },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: stableMessageId(dedupeKey, ctx.directory),
    headers: { 'Auto-Submitted': 'auto-replied' },
    icalEvent: { method: 'DECLINECOUNTER', filename: 'termin.ics', content: ics },
  };
}
