/**
 * Small, accessible HTML pages for citizens (no scripts, no external resources), German or English.
 *
 * Every page carries the town's name (header) and contact (footer) from the directory file, and links
 * to the privacy notice (/datenschutz) and the accessibility statement (/barrierefreiheit), so a
 * citizen who opens a link from a mail sees whose page it is. Built for WCAG 2.1 AA / BITV 2.0:
 * landmarks, one h1, real buttons in forms, visible focus, contrast ≥ 4.5:1, text that reflows at
 * 320 px and 200 % zoom (checked with axe-core in headless Chromium in the tests).
 */
import { indexDirectory } from '../domain/directory-index';
import { serviceIdsOf } from '../domain/services';
import { channelLabel, locationOf } from '../invitations/appointment-text';
import type { Slot } from '../domain/slots';
import type { Appointment, Directory, Language } from '../domain/types';
import { escapeHtml } from '../delivery/mail/templates';
import { pageTexts } from './texts';

/** A time to choose on the reschedule page. */
type Choice = Pick<Slot, 'staffId' | 'start' | 'end'>;

export interface Page {
  status: number;
  title: string;
  body: string;
}

/** Where the two legal pages live (also linked from the mails). */
export const PRIVACY_PATH = '/datenschutz';
export const ACCESSIBILITY_PATH = '/barrierefreiheit';

export interface PageFrame {
  directory: Directory;
  /** The same page in the other language. */
  switchTo?: { href: string };
}

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;font-size:1.05rem;line-height:1.5;max-width:38rem;margin:0 auto;padding:0 1rem;color:#1a1a1a;background:#fff;overflow-wrap:break-word}
h1{font-size:1.6rem;line-height:1.25}
header{border-bottom:2px solid #8a1c1c;padding:.75rem 0;margin-bottom:1rem}header p{margin:0;font-weight:bold;font-size:1.1rem}
footer{border-top:1px solid #767676;margin-top:2rem;padding:.75rem 0 2rem;font-size:.95rem}
a{color:#0b4ea2}a:focus,button:focus{outline:3px solid #0b4ea2;outline-offset:2px}
button{font:inherit;font-size:1rem;padding:.6rem 1.2rem;background:#8a1c1c;color:#fff;border:0;border-radius:4px;cursor:pointer;min-height:44px;text-align:left}
button.secondary{background:#0b4ea2}
dt{font-weight:bold}dd{margin:0 0 .5rem 0}ul.slots{list-style:none;padding:0}ul.slots li{margin:0 0 .6rem 0}
ul.slots form{margin:0}.note{color:#4a4a4a}`;

export function pageHtml(page: Page, language: Language, frame: PageFrame): string {
  const org = frame.directory.organisation;
  const T = pageTexts[language];
  const other = OTHER_LANGUAGE[language];
  const q = LANGUAGE_QUERY[language];
  const switchLink = frame.switchTo
    ? `<p><a href="${escapeHtml(frame.switchTo.href)}" lang="${other}" hreflang="${other}">${escapeHtml(T.otherLanguage)}</a></p>\n`
    : '';
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} – ${escapeHtml(org.name)}</title>
<style>${STYLE}</style></head>
<body>
<header><p>${escapeHtml(org.name)}</p></header>
<main>
<h1>${escapeHtml(page.title)}</h1>
${page.body}
${switchLink}</main>
<footer>
<p>${escapeHtml(org.name)}, ${escapeHtml(org.address)}<br>${escapeHtml(T.phone)} <a href="tel:${escapeHtml(org.phone.replace(/[^+\d]/g, ''))}">${escapeHtml(org.phone)}</a>, ${escapeHtml(T.email)} <a href="mailto:${escapeHtml(org.mailbox)}">${escapeHtml(org.mailbox)}</a></p>
<p><a href="${PRIVACY_PATH}${q}">${escapeHtml(T.privacy)}</a> · <a href="${ACCESSIBILITY_PATH}${q}">${escapeHtml(T.accessibility)}</a></p>
</footer>
</body></html>
`;
}

/** The language a page's switch link offers. */
export const OTHER_LANGUAGE: Record<Language, Language> = { de: 'en', en: 'de' };

/** German is the pages' default; English is asked for with ?lang=en. */
export const LANGUAGE_QUERY: Record<Language, string> = { de: '', en: '?lang=en' };

/** "Mittwoch, 13. Mai 2026, 10:00–10:15 Uhr": a time in one line. */
const when = (start: number, end: number, language: Language) =>
  `${pageTexts[language].day(start)}, ${pageTexts[language].time(start, end)}`;

export function appointmentFacts(a: Appointment, directory: Directory, language: Language): string {
  const T = pageTexts[language];
  const index = indexDirectory(directory);
  // Every service of a combined appointment, named as the booking card names them ("A + B").
  const services = serviceIdsOf(a).map((id) => index.serviceById(id)?.name[language] ?? id);
  const rows: [string, string][] = [
    [T.factService, services.join(' + ')],
    [T.factDate, T.day(a.start)],
    [T.factTime, T.time(a.start, a.end)],
    [T.factType, channelLabel(a.channel, language)],
  ];
  if (a.channel === 'in-person') rows.push([T.factPlace, locationOf(a, directory, language, 'feed')]);
  // What to bring for each service (a service no longer in the directory has nothing to say).
  const bring = [...new Set(serviceIdsOf(a).map((id) => index.serviceById(id)?.bring?.[language]))].filter(Boolean);
  if (bring.length) rows.push([T.factBring, bring.join('; ')]);
  return `<dl>\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** A page that only says one thing (refusals, errors). */
const notice = (status: number, title: string, text: string): Page => ({ status, title, body: p(text) });

/** The hidden fields of a reschedule choice (the token again: the form only works from our own page). */
export interface SlotForm {
  action: string;
  token: string;
  sequence: number;
}

function slotButton(slot: Choice, a: Appointment, directory: Directory, language: Language, form: SlotForm): string {
  const staff = indexDirectory(directory).staffById(slot.staffId);
  const label = [when(slot.start, slot.end, language)];
  if (staff) label.push(pageTexts[language].withStaff(staff.name));
  if (a.channel === 'in-person')
    label.push(
      locationOf({ ...a, staffId: slot.staffId, start: slot.start, end: slot.end }, directory, language, 'feed'),
    );
  return `<li><form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<input type="hidden" name="sequence" value="${form.sequence}">
<input type="hidden" name="staff" value="${escapeHtml(slot.staffId)}">
<input type="hidden" name="start" value="${slot.start}">
<button type="submit">${escapeHtml(label.join(' – '))}</button>
</form></li>`;
}

export const pages = {
  confirm(
    a: Appointment,
    directory: Directory,
    language: Language,
    action: string,
    rescheduleHref?: string,
    /** Where "SMS abbestellen" posts to, while the citizen gets SMS. */
    smsOffAction?: string,
  ): Page {
    const T = pageTexts[language];
    const move = rescheduleHref ? `<p>${escapeHtml(T.ratherMove)} ${link(rescheduleHref, T.chooseOtherTime)}</p>` : '';
    const sms = smsOffAction
      ? `\n<form method="post" action="${escapeHtml(smsOffAction)}"><p>${escapeHtml(T.smsOffHint)} <button type="submit" class="secondary">${escapeHtml(T.smsOffButton)}</button></p></form>`
      : '';
    return {
      status: 200,
      title: T.confirmTitle,
      body: `${p(T.confirmQuestion)}
${appointmentFacts(a, directory, language)}
<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(T.confirmButton)}</button></form>
${move}
${p(T.keepHint)}${sms}`,
    };
  },
  smsOff: (directory: Directory, language: Language): Page =>
    notice(200, pageTexts[language].smsOffTitle, pageTexts[language].smsOffText(directory.organisation.phone)),
  cancelled(a: Appointment, directory: Directory, language: Language): Page {
    const T = pageTexts[language];
    return {
      status: 200,
      title: T.cancelledTitle,
      body: `${p(T.cancelledText)}
${appointmentFacts(a, directory, language)}
${p(T.newAppointment(directory.organisation.phone))}`,
    };
  },
  /** The reschedule page: the current appointment and the next free times (same staff member, then the pool). */
  reschedule(
    a: Appointment,
    directory: Directory,
    language: Language,
    choices: { sameStaff: Choice[]; pool: Choice[] },
    form: SlotForm,
    cancelHref: string,
  ): Page {
    const T = pageTexts[language];
    const staff = indexDirectory(directory).staffById(a.staffId);
    const list = (slots: Choice[]) =>
      `<ul class="slots">\n${slots.map((s) => slotButton(s, a, directory, language, form)).join('\n')}\n</ul>`;
    const parts: string[] = [p(T.soFar), appointmentFacts(a, directory, language)];
    if (choices.sameStaff.length === 0 && choices.pool.length === 0) {
      parts.push(p(T.noneFree(directory.organisation.phone)));
    } else {
      parts.push(p(T.chooseNew));
      if (choices.sameStaff.length > 0)
        parts.push(`<h2>${escapeHtml(T.sameStaffHeading(staff?.name))}</h2>`, list(choices.sameStaff));
      if (choices.pool.length > 0) parts.push(`<h2>${escapeHtml(T.poolHeading)}</h2>`, list(choices.pool));
      parts.push(`<p class="note">${escapeHtml(T.keepHint)}</p>`);
    }
    parts.push(`<p>${link(cancelHref, T.cancelInstead)}</p>`);
    return { status: 200, title: T.rescheduleTitle, body: parts.join('\n') };
  },
  rescheduled(a: Appointment, directory: Directory, language: Language, before: Appointment): Page {
    const T = pageTexts[language];
    return {
      status: 200,
      title: T.rescheduledTitle,
      body: `${p(T.rescheduledText)}
${appointmentFacts(a, directory, language)}
${p(T.previously(when(before.start, before.end, language)))}`,
    };
  },
  /** Why the appointment cannot be moved online (too close, or moved too often). */
  cannotReschedule(
    reason: 'too-short-notice' | 'move-limit',
    directory: Directory,
    language: Language,
    maxMoves: number,
  ): Page {
    const T = pageTexts[language];
    const why =
      reason === 'too-short-notice' ? T.tooShortNotice : maxMoves === 0 ? T.noOnlineMoves : T.movedTooOften(maxMoves);
    return {
      status: 409,
      title: T.cannotTitle,
      body: `${p(why)}
${p(T.staysCallUs(directory.organisation.phone))}`,
    };
  },
  /**
   * The chosen time is gone, the page was out of date (another tab, a double click), or the form
   * named a time the page never offered (changed by hand: 10:27).
   */
  rescheduleConflict(kind: 'slot-taken' | 'changed' | 'not-offered', language: Language, backHref: string): Page {
    const T = pageTexts[language];
    const why = { 'slot-taken': T.slotTaken, changed: T.changed, 'not-offered': T.notOffered }[kind];
    return {
      status: 409,
      title: T.notMovedTitle,
      body: `${p(why)}
<p>${link(backHref, T.seeCurrentTimes)}</p>`,
    };
  },
  /** An address that does not exist (a cut or mistyped link); `appointmentHref` when its token is known. */
  notFound: (directory: Directory, language: Language, appointmentHref?: string): Page => {
    const T = pageTexts[language];
    const back = appointmentHref ? `\n<p>${link(appointmentHref, T.toAppointment)}</p>` : '';
    return { status: 404, title: T.notFoundTitle, body: p(T.notFoundText(directory.organisation.phone)) + back };
  },
  /** A form that did not come from our page, or was changed. */
  badRequest: (directory: Directory, language: Language): Page =>
    notice(400, pageTexts[language].badRequestTitle, pageTexts[language].badRequestText(directory.organisation.phone)),
  forbidden: (directory: Directory, language: Language): Page =>
    notice(403, pageTexts[language].forbiddenTitle, pageTexts[language].forbiddenText(directory.organisation.phone)),
  alreadyCancelled: (directory: Directory, language: Language): Page =>
    notice(
      410,
      pageTexts[language].alreadyCancelledTitle,
      pageTexts[language].alreadyCancelledText(directory.organisation.phone),
    ),
  over: (directory: Directory, language: Language): Page =>
    notice(410, pageTexts[language].overTitle, pageTexts[language].overText(directory.organisation.phone)),
  started: (directory: Directory, language: Language): Page =>
    notice(409, pageTexts[language].startedTitle, pageTexts[language].startedText(directory.organisation.phone)),
  invalid: (directory: Directory, language: Language): Page =>
    notice(404, pageTexts[language].invalidTitle, pageTexts[language].invalidText(directory.organisation.phone)),
  tooMany: (language: Language): Page => notice(429, pageTexts[language].tooManyTitle, pageTexts[language].tooManyText),
  error: (language: Language): Page => notice(503, pageTexts[language].errorTitle, pageTexts[language].errorText),
};
