/**
 * The two pages a German public body owes the citizens who use its online services, linked from
 * every citizen page and every citizen mail:
 *
 *   GET /datenschutz        privacy notice (Datenschutzhinweise, Art. 13 DSGVO)
 *   GET /barrierefreiheit   accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 7,
 *                           structured after the EU model statement, Durchführungsbeschluss (EU) 2018/1523)
 *
 * German by default, English with ?lang=en. Names, address and contact come from the directory file,
 * the storage period from RETENTION_DAYS, so the pages say what this installation really does.
 */
import type { Next, Request, Response, Server } from 'restify';
import type { Directory, Language } from '../domain/types';
import { escapeHtml } from '../mail/templates';
import { ACCESSIBILITY_PATH, pageHtml, PRIVACY_PATH, type Page } from './citizen-pages';
import { currentDirectory } from './public-routes';

export interface LegalPagesDeps {
  directory: Directory | (() => Directory);
  /** RETENTION_DAYS: after how many days citizens' data is removed. */
  retentionDays: number;
  /** When the accessibility statement was last reviewed (YYYY-MM-DD). */
  accessibilityReviewed?: string;
}

/** The date the accessibility statement's self-assessment (axe-core, keyboard test) was last revised. */
export const ACCESSIBILITY_REVIEWED = '2026-11-30';

const esc = escapeHtml;
const para = (s: string) => `<p>${esc(s)}</p>`;
const h2 = (s: string) => `<h2>${esc(s)}</h2>`;
const list = (items: string[]) => `<ul>\n${items.map((i) => `<li>${esc(i)}</li>`).join('\n')}\n</ul>`;
const mail = (address: string) => `<a href="mailto:${esc(address)}">${esc(address)}</a>`;

function formatDay(iso: string, language: Language): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function privacyPage(directory: Directory, language: Language, retentionDays: number): Page {
  const org = directory.organisation;
  const contact = `${org.name}, ${org.address}, ${language === 'de' ? 'Telefon' : 'phone'} ${org.phone}`;
  if (language === 'en')
    return {
      status: 200,
      title: 'Privacy notice',
      body: [
        para('This notice explains what happens to your data when the town hall books a consultation for you.'),
        h2('Controller'),
        `<p>${esc(contact)}, email ${mail(org.mailbox)}. You reach our data protection officer at the same address.</p>`,
        h2('What we process and why'),
        list([
          'Your name and email address, for phone consultations your phone number, the service, date, time and type of the appointment, and any note made by the staff member.',
          'Purpose: to arrange and hold your appointment, send you the invitation, changes, cancellation and a reminder, and let you move or cancel it through the links in our emails.',
          'Legal basis: Art. 6(1)(e) GDPR (a task in the public interest, the town hall’s services) together with the applicable state law; where you asked for the appointment, also Art. 6(1)(b) GDPR.',
        ]),
        h2('Who receives it'),
        list([
          'The staff of the town hall who handle your matter (in Microsoft Teams and their calendars).',
          'Our mail service delivers the emails; for video consultations the video service receives the meeting time, not your name.',
          'Nobody else. There is no tracking on these pages, no cookies and no external resources.',
        ]),
        h2('How long'),
        para(
          `Your name, email address, phone number and the note are removed ${retentionDays} days after the appointment. What remains are anonymous figures (service, time, type) for planning.`,
        ),
        h2('Your rights'),
        para(
          'You have the right of access, rectification, erasure and restriction of processing, and you may object to the processing (Art. 15–18 and 21 GDPR). Write to us at the address above. You may also complain to the data protection supervisory authority of the state.',
        ),
      ].join('\n'),
    };
  return {
    status: 200,
    title: 'Datenschutzhinweise',
    body: [
      para('Hier steht, was mit Ihren Daten geschieht, wenn die Stadtverwaltung einen Beratungstermin für Sie bucht.'),
      h2('Verantwortlich'),
      `<p>${esc(contact)}, E-Mail ${mail(org.mailbox)}. Unsere Datenschutzbeauftragte oder unseren Datenschutzbeauftragten erreichen Sie unter derselben Anschrift.</p>`,
      h2('Welche Daten und wozu'),
      list([
        'Ihr Name und Ihre E-Mail-Adresse, bei Telefonterminen Ihre Telefonnummer, das Anliegen, Datum, Uhrzeit und Art des Termins sowie eine Notiz der Sachbearbeitung.',
        'Zweck: den Termin vereinbaren und durchführen, Ihnen Einladung, Änderungen, Absage und Erinnerung senden und Ihnen das Verschieben oder Absagen über die Links in unseren E-Mails ermöglichen.',
        'Rechtsgrundlage: Art. 6 Abs. 1 Buchst. e DSGVO (Aufgabe im öffentlichen Interesse, Leistungen der Verwaltung) in Verbindung mit dem Landesrecht; soweit Sie den Termin wünschen, auch Art. 6 Abs. 1 Buchst. b DSGVO.',
      ]),
      h2('Wer die Daten erhält'),
      list([
        'Die Beschäftigten der Stadtverwaltung, die Ihr Anliegen bearbeiten (in Microsoft Teams und ihren Kalendern).',
        'Unser E-Mail-Dienst stellt die Nachrichten zu; bei Videoterminen erhält der Videodienst die Terminzeit, nicht Ihren Namen.',
        'Sonst niemand. Diese Seiten verwenden keine Cookies, kein Tracking und keine fremden Inhalte.',
      ]),
      h2('Wie lange'),
      para(
        `Name, E-Mail-Adresse, Telefonnummer und Notiz werden ${retentionDays} Tage nach dem Termin gelöscht. Es bleiben anonyme Zahlen (Anliegen, Zeit, Art) für die Planung.`,
      ),
      h2('Ihre Rechte'),
      para(
        'Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung und können der Verarbeitung widersprechen (Art. 15–18 und 21 DSGVO). Schreiben Sie uns an die oben genannte Anschrift. Außerdem können Sie sich bei der Datenschutz-Aufsichtsbehörde des Landes beschweren.',
      ),
    ].join('\n'),
  };
}

export function accessibilityPage(directory: Directory, language: Language, reviewed: string): Page {
  const org = directory.organisation;
  const date = formatDay(reviewed, language);
  const contact = `<p>${esc(org.name)}, ${esc(org.address)}<br>${language === 'de' ? 'Telefon' : 'Phone'} ${esc(org.phone)}, ${language === 'de' ? 'E-Mail' : 'email'} ${mail(org.mailbox)}</p>`;
  if (language === 'en')
    return {
      status: 200,
      title: 'Accessibility statement',
      body: [
        para(
          `${org.name} endeavours to make its online services accessible in accordance with the German Disability Equality Act and the Barrier-Free Information Technology Ordinance (BITV 2.0), which implement Directive (EU) 2016/2102.`,
        ),
        para(
          'This statement applies to the pages citizens open from our appointment emails: cancelling, moving an appointment, the calendar download, this statement and the privacy notice.',
        ),
        h2('Status of compliance'),
        para(
          'These pages are fully compliant with the requirements of BITV 2.0 (WCAG 2.1 level AA): they work with the keyboard alone, with screen readers and at 200 % zoom, use sufficient contrast and need no scripts.',
        ),
        h2('Preparation of this statement'),
        para(
          `This statement was prepared on ${date}. The basis is a self-assessment: every page is checked automatically with axe-core in a browser and operated with the keyboard alone in the tests of every software change.`,
        ),
        h2('Feedback and contact'),
        para(
          'Have you noticed a barrier, or do you need the information in another form? Please contact us; we answer within two weeks.',
        ),
        contact,
        h2('Enforcement procedure'),
        para(
          'If we do not answer your feedback satisfactorily, you can turn to the enforcement body for accessible information technology of the state, or to the conciliation body under § 16 BGG (Schlichtungsstelle beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen, www.schlichtungsstelle-bgg.de). The procedure is free of charge; you do not need a lawyer.',
        ),
      ].join('\n'),
    };
  return {
    status: 200,
    title: 'Erklärung zur Barrierefreiheit',
    body: [
      para(
        `${org.name} ist bemüht, ihre Online-Angebote barrierefrei zugänglich zu machen. Rechtsgrundlagen sind das Behindertengleichstellungsrecht und die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0), die die Richtlinie (EU) 2016/2102 umsetzen.`,
      ),
      para(
        'Diese Erklärung gilt für die Seiten, die Bürgerinnen und Bürger aus unseren Termin-E-Mails öffnen: Absagen, Verschieben eines Termins, Kalenderdatei, diese Erklärung und die Datenschutzhinweise.',
      ),
      h2('Stand der Vereinbarkeit mit den Anforderungen'),
      para(
        'Diese Seiten sind mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufe AA) vollständig vereinbar: Sie lassen sich allein mit der Tastatur, mit Screenreadern und bei 200 % Vergrößerung bedienen, haben ausreichende Kontraste und brauchen kein JavaScript.',
      ),
      h2('Erstellung dieser Erklärung'),
      para(
        `Diese Erklärung wurde am ${date} erstellt. Grundlage ist eine Selbstbewertung: Jede Seite wird bei jeder Änderung der Software automatisch mit axe-core im Browser geprüft und in den Tests allein mit der Tastatur bedient.`,
      ),
      h2('Feedback und Kontakt'),
      para(
        'Sind Ihnen Barrieren aufgefallen, oder benötigen Sie Informationen in einer anderen Form? Bitte melden Sie sich bei uns; wir antworten innerhalb von zwei Wochen.',
      ),
      contact,
      h2('Durchsetzungsverfahren'),
      para(
        'Wenn wir Ihre Rückmeldung nicht zufriedenstellend beantworten, können Sie sich an die Durchsetzungsstelle für barrierefreie Informationstechnik Ihres Landes wenden oder an die Schlichtungsstelle nach § 16 BGG beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen (www.schlichtungsstelle-bgg.de). Das Verfahren ist kostenlos; Sie brauchen keinen Rechtsbeistand.',
      ),
    ].join('\n'),
  };
}

const HEADERS = {
  'Cache-Control': 'public, max-age=300',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

export function registerLegalPages(server: Server, deps: LegalPagesDeps): void {
  const serve = (path: string, build: (d: Directory, l: Language) => Page) =>
    server.get(path, (req: Request, res: Response, next: Next) => {
      const language: Language = new URL(req.url ?? '/', 'http://x').searchParams.get('lang') === 'en' ? 'en' : 'de';
      const directory = currentDirectory(deps);
      const page = build(directory, language);
      const html = pageHtml(page, language, {
        directory,
        switchTo: { href: language === 'de' ? `${path}?lang=en` : path },
      });
      res.writeHead(page.status, {
        ...HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(html),
      });
      res.end(html);
      next();
    });
  serve(PRIVACY_PATH, (d, l) => privacyPage(d, l, deps.retentionDays));
  serve(ACCESSIBILITY_PATH, (d, l) => accessibilityPage(d, l, deps.accessibilityReviewed ?? ACCESSIBILITY_REVIEWED));
}
