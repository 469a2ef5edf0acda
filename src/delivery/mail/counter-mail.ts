/**
 * The mail answering a citizen's counter-proposal (iTIP COUNTER) the staff member declined: the
 * proposed time cannot be offered, the appointment stays, and the citizen gets a way to choose another time — the
 * reschedule page when there is one, otherwise the cancel link and the town hall's phone number.
 * German (Sie-Form) and English, like every citizen mail.
 */
import { buildDeclineCounter } from '../../invitations/declinecounter';
import { appointmentParts, formatWhen, referenceLine } from '../../invitations/appointment-text';
import { formatSubjectDateTime } from '../../i18n/dates';
import type { Appointment, Directory } from '../../domain/types';
import type { ComposeContext } from './compose';
import { stableMessageId } from './compose';
import type { MailOptions } from './transport';
import { toHtml, toText, type Block } from './templates';
import { mailTexts } from '../texts';

export interface CounterLinks {
  cancelUrl: string;
  /** The page where the citizen picks another free time (when this instance offers one). */
  rescheduleUrl?: string;
}

export function renderDeclineCounter(a: Appointment, directory: Directory, links: CounterLinks) {
  const org = directory.organisation;
  const language = a.citizen.language;
  const T = mailTexts[language];
  const subject = T.counterSubject(
    appointmentParts(a, directory).service.name[language],
    formatSubjectDateTime(a.start, language),
  );
  const blocks: Block[] = [
    T.greeting(a.citizen.name),
    T.counterThanks,
    [formatWhen(a, language), referenceLine(a, language)].filter(Boolean).join('\n'),
    links.rescheduleUrl ? T.counterChoose(links.rescheduleUrl) : T.counterCallOrCancel(org.phone, links.cancelUrl),
    `${T.regards}\n${org.name}`,
  ].map((paragraph) => ({ lines: paragraph.split('\n') }));
  const text = toText(blocks);
  const html = toHtml(blocks, language, subject);
  const comment = T.counterComment(links.rescheduleUrl ? T.counterChooseLink(links.rescheduleUrl) : T.phone(org.phone));
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
