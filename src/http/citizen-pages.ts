/** Small, accessible HTML pages for citizens (no scripts, no external resources), German or English. */
import { indexDirectory } from '../domain/directory-index';
import { channelLabel, formatDate, formatTimeRange, locationOf } from '../calendar/appointment-text';
import type { Appointment, Directory, Language } from '../domain/types';
import { escapeHtml } from '../mail/templates';

export interface Page {
  status: number;
  title: string;
  body: string;
}

export function pageHtml(page: Page, language: Language, switchTo?: { href: string }): string {
  const other = language === 'de' ? 'English' : 'Deutsch';
  const lang = switchTo
    ? `\n<p><a href="${escapeHtml(switchTo.href)}" lang="${language === 'de' ? 'en' : 'de'}">${other}</a></p>`
    : '';
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
<style>body{font-family:Arial,sans-serif;font-size:1.05rem;line-height:1.5;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
button{font-size:1rem;padding:.6rem 1.2rem;background:#8a1c1c;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus{outline:3px solid #1a56db;outline-offset:2px}dt{font-weight:bold}dd{margin:0 0 .5rem 0}</style></head>
<body><main>
<h1>${escapeHtml(page.title)}</h1>
${page.body}${lang}
</main></body></html>
`;
}

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

export const pages = {
  confirm(a: Appointment, directory: Directory, language: Language, action: string): Page {
    const de = language === 'de';
    return {
      status: 200,
      title: de ? 'Termin absagen' : 'Cancel appointment',
      body: `${p(de ? 'Möchten Sie diesen Termin absagen?' : 'Do you want to cancel this appointment?')}
${appointmentFacts(a, directory, language)}
<form method="post" action="${escapeHtml(action)}"><button type="submit">${de ? 'Termin verbindlich absagen' : 'Cancel this appointment'}</button></form>
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
