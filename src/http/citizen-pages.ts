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
import { channelLabel, formatDate, formatTimeRange, locationOf } from '../calendar/appointment-text';
import type { Slot } from '../domain/slots';
import type { Appointment, Directory, Language } from '../domain/types';
import { escapeHtml } from '../mail/templates';

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
  const t = TEXT[language];
  const other = language === 'de' ? 'en' : 'de';
  const q = language === 'en' ? '?lang=en' : '';
  const switchLink = frame.switchTo
    ? `<p><a href="${escapeHtml(frame.switchTo.href)}" lang="${other}" hreflang="${other}">${language === 'de' ? 'English' : 'Deutsch'}</a></p>\n`
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
<p>${escapeHtml(org.name)}, ${escapeHtml(org.address)}<br>${escapeHtml(t.phone)} <a href="tel:${escapeHtml(org.phone.replace(/[^+\d]/g, ''))}">${escapeHtml(org.phone)}</a>, ${escapeHtml(t.email)} <a href="mailto:${escapeHtml(org.mailbox)}">${escapeHtml(org.mailbox)}</a></p>
<p><a href="${PRIVACY_PATH}${q}">${escapeHtml(t.privacy)}</a> · <a href="${ACCESSIBILITY_PATH}${q}">${escapeHtml(t.accessibility)}</a></p>
</footer>
</body></html>
`;
}

const TEXT = {
  de: {
    phone: 'Telefon',
    email: 'E-Mail',
    privacy: 'Datenschutzhinweise',
    accessibility: 'Erklärung zur Barrierefreiheit',
  },
  en: { phone: 'Phone', email: 'Email', privacy: 'Privacy notice', accessibility: 'Accessibility statement' },
} as const;

export function appointmentFacts(a: Appointment, directory: Directory, language: Language): string {
  const service = indexDirectory(directory).serviceById(a.serviceId);
  const de = language === 'de';
  const rows: [string, string][] = [
    [de ? 'Anliegen' : 'Service', service ? service.name[language] : a.serviceId],
    [de ? 'Datum' : 'Date', formatDate(a.start, language)],
    [de ? 'Uhrzeit' : 'Time', formatTimeRange(a.start, a.end, language)],
    [de ? 'Art' : 'Type', channelLabel(a.channel, language)],
  ];
  if (a.channel === 'in-person') rows.push([de ? 'Ort' : 'Place', locationOf(a, directory, language, 'feed')]);
  return `<dl>\n${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>`;
}

const p = (s: string) => `<p>${escapeHtml(s)}</p>`;

/** The hidden fields of a reschedule choice (the token again: the form only works from our own page). */
export interface SlotForm {
  action: string;
  token: string;
  sequence: number;
}

function slotButton(slot: Choice, a: Appointment, directory: Directory, language: Language, form: SlotForm): string {
  const staff = indexDirectory(directory).staffById(slot.staffId);
  const when = `${formatDate(slot.start, language)}, ${formatTimeRange(slot.start, slot.end, language)}`;
  const where =
    a.channel === 'in-person'
      ? ` – ${locationOf({ ...a, staffId: slot.staffId, start: slot.start, end: slot.end }, directory, language, 'feed')}`
      : '';
  const who = staff ? (language === 'de' ? ` – bei ${staff.name}` : ` – with ${staff.name}`) : '';
  return `<li><form method="post" action="${escapeHtml(form.action)}">
<input type="hidden" name="token" value="${escapeHtml(form.token)}">
<input type="hidden" name="sequence" value="${form.sequence}">
<input type="hidden" name="staff" value="${escapeHtml(slot.staffId)}">
<input type="hidden" name="start" value="${slot.start}">
<button type="submit">${escapeHtml(when + who + where)}</button>
</form></li>`;
}

export const pages = {
  confirm(a: Appointment, directory: Directory, language: Language, action: string, rescheduleHref?: string): Page {
    const de = language === 'de';
    const move = rescheduleHref
      ? p(de ? 'Sie möchten den Termin lieber verschieben?' : 'Would you rather move the appointment?').replace(
          '</p>',
          ` <a href="${escapeHtml(rescheduleHref)}">${de ? 'Andere Zeit wählen' : 'Choose another time'}</a></p>`,
        )
      : '';
    return {
      status: 200,
      title: de ? 'Termin absagen' : 'Cancel appointment',
      body: `${p(de ? 'Möchten Sie diesen Termin absagen?' : 'Do you want to cancel this appointment?')}
${appointmentFacts(a, directory, language)}
<form method="post" action="${escapeHtml(action)}"><button type="submit">${de ? 'Termin verbindlich absagen' : 'Cancel this appointment'}</button></form>
${move}
${p(de ? 'Wenn Sie den Termin behalten möchten, schließen Sie diese Seite einfach.' : 'To keep the appointment, simply close this page.')}`,
    };
  },
  cancelled(a: Appointment, directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 200,
      title: de ? 'Termin abgesagt' : 'Appointment cancelled',
      body: `${p(de ? 'Ihr Termin ist abgesagt. Sie erhalten eine Bestätigung per E-Mail; Ihr Kalender entfernt den Termin, wenn Sie sie öffnen.' : 'Your appointment is cancelled. You will receive a confirmation by email; opening it removes the appointment from your calendar.')}
${appointmentFacts(a, directory, language)}
${p(de ? `Einen neuen Termin vereinbaren Sie unter ${directory.organisation.phone}.` : `To arrange a new appointment, call ${directory.organisation.phone}.`)}`,
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
    const de = language === 'de';
    const staff = indexDirectory(directory).staffById(a.staffId);
    const list = (slots: Choice[]) =>
      `<ul class="slots">\n${slots.map((s) => slotButton(s, a, directory, language, form)).join('\n')}\n</ul>`;
    const parts: string[] = [
      p(de ? 'Ihr Termin bisher:' : 'Your appointment so far:'),
      appointmentFacts(a, directory, language),
    ];
    if (choices.sameStaff.length === 0 && choices.pool.length === 0) {
      parts.push(
        p(
          de
            ? `Zurzeit ist online keine andere Zeit frei. Ihr Termin bleibt bestehen. Für eine andere Zeit rufen Sie uns bitte an: ${directory.organisation.phone}.`
            : `No other time is free online at the moment. Your appointment stays as it is. For another time, please call us: ${directory.organisation.phone}.`,
        ),
      );
    } else {
      parts.push(
        p(
          de
            ? 'Wählen Sie eine neue Zeit. Mit dem Klick wird Ihr Termin verschoben; Sie erhalten die Änderung per E-Mail.'
            : 'Choose a new time. Clicking it moves your appointment; you will receive the change by email.',
        ),
      );
      if (choices.sameStaff.length > 0)
        parts.push(
          `<h2>${escapeHtml(de ? `Bei ${staff?.name ?? 'Ihrer Ansprechperson'}` : `With ${staff?.name ?? 'your contact'}`)}</h2>`,
          list(choices.sameStaff),
        );
      if (choices.pool.length > 0)
        parts.push(
          `<h2>${escapeHtml(de ? 'Bei einer Kollegin oder einem Kollegen' : 'With a colleague')}</h2>`,
          list(choices.pool),
        );
      parts.push(
        `<p class="note">${escapeHtml(de ? 'Wenn Sie den Termin behalten möchten, schließen Sie diese Seite einfach.' : 'To keep the appointment, simply close this page.')}</p>`,
      );
    }
    parts.push(
      `<p><a href="${escapeHtml(cancelHref)}">${de ? 'Termin stattdessen absagen' : 'Cancel the appointment instead'}</a></p>`,
    );
    return { status: 200, title: de ? 'Termin verschieben' : 'Move appointment', body: parts.join('\n') };
  },
  rescheduled(a: Appointment, directory: Directory, language: Language, before: Appointment): Page {
    const de = language === 'de';
    return {
      status: 200,
      title: de ? 'Termin verschoben' : 'Appointment moved',
      body: `${p(de ? 'Ihr Termin ist verschoben. Sie erhalten die Änderung per E-Mail; Ihr Kalender übernimmt sie, wenn Sie sie öffnen.' : 'Your appointment has been moved. You will receive the change by email; opening it updates your calendar.')}
${appointmentFacts(a, directory, language)}
${p(de ? `Bisher: ${formatDate(before.start, language)}, ${formatTimeRange(before.start, before.end, language)}.` : `Previously: ${formatDate(before.start, language)}, ${formatTimeRange(before.start, before.end, language)}.`)}`,
    };
  },
  /** Why the appointment cannot be moved online (too close, or moved too often). */
  cannotReschedule(
    reason: 'too-short-notice' | 'move-limit',
    directory: Directory,
    language: Language,
    maxMoves: number,
  ): Page {
    const de = language === 'de';
    const phone = directory.organisation.phone;
    const why =
      reason === 'too-short-notice'
        ? de
          ? 'Ihr Termin beginnt bald; so kurzfristig lässt er sich online nicht mehr verschieben.'
          : 'Your appointment starts soon; it can no longer be moved online at such short notice.'
        : maxMoves === 0
          ? de
            ? 'Termine lassen sich online nicht verschieben.'
            : 'Appointments cannot be moved online.'
          : de
            ? `Dieser Termin wurde bereits ${maxMoves === 1 ? 'einmal' : `${maxMoves}-mal`} online verschoben; öfter ist es online nicht möglich.`
            : `This appointment has already been moved online ${maxMoves === 1 ? 'once' : `${maxMoves} times`}; it cannot be moved online again.`;
    return {
      status: 409,
      title: de ? 'Verschieben nicht möglich' : 'Cannot move the appointment',
      body: `${p(why)}
${p(de ? `Ihr Termin bleibt bestehen. Für eine andere Zeit rufen Sie uns bitte an: ${phone}.` : `Your appointment stays as it is. For another time, please call us: ${phone}.`)}`,
    };
  },
  /** The chosen time is gone, or the page was out of date (another tab, a double click). */
  rescheduleConflict(kind: 'slot-taken' | 'changed', language: Language, backHref: string): Page {
    const de = language === 'de';
    const text =
      kind === 'slot-taken'
        ? de
          ? 'Diese Zeit wurde gerade anderweitig vergeben. Ihr Termin ist unverändert.'
          : 'This time has just been taken. Your appointment is unchanged.'
        : de
          ? 'Ihr Termin wurde inzwischen geändert (zum Beispiel in einem anderen Fenster). Es wurde nichts weiter verschoben.'
          : 'Your appointment has changed in the meantime (for example in another window). Nothing else was moved.';
    return {
      status: 409,
      title: de ? 'Nicht verschoben' : 'Not moved',
      body: `${p(text)}
<p><a href="${escapeHtml(backHref)}">${de ? 'Aktuelle freie Zeiten ansehen' : 'See the current free times'}</a></p>`,
    };
  },
  /** A form that did not come from our page, or was changed. */
  badRequest(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 400,
      title: de ? 'Anfrage nicht möglich' : 'Request not possible',
      body: p(
        de
          ? `Diese Auswahl ist nicht möglich. Bitte öffnen Sie den Link aus Ihrer E-Mail erneut oder rufen Sie uns an: ${directory.organisation.phone}.`
          : `This choice is not possible. Please open the link from your email again or call us: ${directory.organisation.phone}.`,
      ),
    };
  },
  forbidden(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 403,
      title: de ? 'Anfrage abgelehnt' : 'Request refused',
      body: p(
        de
          ? `Diese Anfrage kam nicht von unserer Seite und wurde nicht ausgeführt. Bitte öffnen Sie den Link aus Ihrer E-Mail oder rufen Sie uns an: ${directory.organisation.phone}.`
          : `This request did not come from our page and was not carried out. Please open the link from your email or call us: ${directory.organisation.phone}.`,
      ),
    };
  },
  alreadyCancelled(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 410,
      title: de ? 'Termin bereits abgesagt' : 'Appointment already cancelled',
      body: p(
        de
          ? `Dieser Termin ist bereits abgesagt. Einen neuen Termin vereinbaren Sie unter ${directory.organisation.phone}.`
          : `This appointment has already been cancelled. To arrange a new one, call ${directory.organisation.phone}.`,
      ),
    };
  },
  over(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 410,
      title: de ? 'Link nicht mehr gültig' : 'Link no longer valid',
      body: p(
        de
          ? `Dieser Termin ist vorbei; der Link gilt nicht mehr. Fragen beantworten wir unter ${directory.organisation.phone}.`
          : `This appointment is over; the link is no longer valid. For questions, call ${directory.organisation.phone}.`,
      ),
    };
  },
  started(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 409,
      title: de ? 'Termin hat begonnen' : 'Appointment has started',
      body: p(
        de
          ? `Der Termin hat bereits begonnen und kann hier nicht mehr abgesagt werden. Bitte rufen Sie uns an: ${directory.organisation.phone}.`
          : `The appointment has already started and can no longer be cancelled here. Please call us: ${directory.organisation.phone}.`,
      ),
    };
  },
  invalid(directory: Directory, language: Language): Page {
    const de = language === 'de';
    return {
      status: 404,
      title: de ? 'Link ungültig' : 'Invalid link',
      body: p(
        de
          ? `Dieser Link ist ungültig. Bitte verwenden Sie den vollständigen Link aus Ihrer E-Mail oder rufen Sie uns an: ${directory.organisation.phone}.`
          : `This link is not valid. Please use the complete link from your email or call us: ${directory.organisation.phone}.`,
      ),
    };
  },
  tooMany(language: Language): Page {
    const de = language === 'de';
    return {
      status: 429,
      title: de ? 'Zu viele Anfragen' : 'Too many requests',
      body: p(
        de ? 'Bitte warten Sie eine Minute und versuchen Sie es dann erneut.' : 'Please wait a minute and try again.',
      ),
    };
  },
  error(language: Language): Page {
    const de = language === 'de';
    return {
      status: 503,
      title: de ? 'Vorübergehend nicht möglich' : 'Temporarily unavailable',
      body: p(
        de
          ? 'Das hat gerade nicht geklappt. Bitte versuchen Sie es in einigen Minuten erneut.'
          : 'That did not work just now. Please try again in a few minutes.',
      ),
    };
  },
};
