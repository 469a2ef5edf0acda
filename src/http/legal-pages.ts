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
import { escapeHtml } from '../delivery/mail/templates';
import { formatDate } from '../i18n/dates';
import { ACCESSIBILITY_PATH, LANGUAGE_QUERY, OTHER_LANGUAGE, pageHtml, PRIVACY_PATH, type Page } from './citizen-pages';
import { currentDirectory, requestedLanguage } from './public-routes';
import { pageTexts } from './texts';

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

export function privacyPage(directory: Directory, language: Language, retentionDays: number): Page {
  const T = pageTexts[language];
  const org = directory.organisation;
  const contact = `${org.name}, ${org.address}, ${T.phoneInline} ${org.phone}`;
  return {
    status: 200,
    title: T.privacy,
    body: [
      para(T.privacyIntro),
      h2(T.controllerHeading),
      `<p>${esc(contact)}, ${esc(T.emailInline)} ${mail(org.mailbox)}. ${esc(T.dataProtectionOfficer)}</p>`,
      h2(T.whatHeading),
      list([T.whatData, T.whatPurpose, T.whatBasis]),
      h2(T.whoHeading),
      list([T.whoStaff, T.whoServices, T.whoNobody]),
      h2(T.howLongHeading),
      para(T.howLong(retentionDays)),
      h2(T.rightsHeading),
      para(T.rights),
    ].join('\n'),
  };
}

/**
 * Where citizens go when the town's answer does not satisfy them: the body the directory names
 * (`organisation.enforcementBody`; for a municipality its Land's, in Lower Saxony the Schlichtungsstelle
 * nach § 9d NBGG), or — not configured — the town's own contact, which tells them. Never the federal
 * Schlichtungsstelle (§ 16 BGG): it serves federal bodies only.
 */
function enforcement(org: Directory['organisation'], T: (typeof pageTexts)[Language]): string {
  const body = org.enforcementBody;
  if (!body) return para(T.enforcementUnknown(org.phone, org.mailbox));
  const reach = [
    ...(body.address ? [esc(body.address)] : []),
    ...(body.url ? [`${esc(T.enforcementWeb)} <a href="${esc(body.url)}">${esc(body.url)}</a>`] : []),
    ...(body.email ? [`${esc(T.enforcementEmail)} ${mail(body.email)}`] : []),
  ];
  return [para(T.enforcement(body.name)), ...(reach.length ? [`<p>${reach.join('<br>')}</p>`] : [])].join('\n');
}

export function accessibilityPage(directory: Directory, language: Language, reviewed: string): Page {
  const T = pageTexts[language];
  const org = directory.organisation;
  return {
    status: 200,
    title: T.accessibility,
    body: [
      para(T.a11yIntro(org.name)),
      para(T.a11yScope),
      h2(T.complianceHeading),
      para(T.compliance),
      h2(T.preparedHeading),
      para(T.prepared(formatDate(reviewed, language))),
      h2(T.feedbackHeading),
      para(T.feedback),
      `<p>${esc(org.name)}, ${esc(org.address)}<br>${esc(T.phone)} ${esc(org.phone)}, ${esc(T.emailInline)} ${mail(org.mailbox)}</p>`,
      h2(T.enforcementHeading),
      enforcement(org, T),
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
      const language: Language = requestedLanguage(req) ?? 'de';
      const directory = currentDirectory(deps);
      const page = build(directory, language);
      const html = pageHtml(page, language, {
        directory,
        switchTo: { href: path + LANGUAGE_QUERY[OTHER_LANGUAGE[language]] },
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
