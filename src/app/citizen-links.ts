/**
 * Unguessable links for citizens (no login), the staff calendar feed (renewable: StaffFeedLinks)
 * and supervisors' period reports (bound to the supervisor, valid 24 hours: reportToken).
 *
 * A token is `<appointment id>.<HMAC-SHA256(secret, "cancel:" + id)>` (256-bit MAC, base64url):
 * nothing to store, valid on every instance that shares the secret, checked in constant time.
 * Whether a valid token still works (not after the end or a cancellation) is decided by the
 * caller from the appointment's state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** German pages need no parameter (the default); English ones say so. */
const LANG_QUERY: Record<'de' | 'en', string> = { de: '', en: '?lang=en' };
/** The same after another query parameter. */
const LANG_PARAM: Record<'de' | 'en', string> = { de: '', en: '&lang=en' };

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

/** Where the report pages live (src/http/report-routes.ts). */
export const REPORT_PATH = '/auswertung';

/** What a report link grants: the report of `range` (rangeKey) to `staffId` until `expiresAt` (epoch ms). */
export interface ReportGrant {
  staffId: string;
  range: string;
  expiresAt: number;
}
const MAC_RE = /^[A-Za-z0-9_-]{43}$/;

export class CitizenLinks {
  constructor(
    private readonly secret: string,
    private readonly publicBaseUrl: string,
  ) {
    if (secret.length < 32) throw new RangeError('the citizen link secret must have at least 32 characters');
  }

  private mac(purpose: 'cancel' | 'feed' | 'report', id: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${id}`).digest('base64url');
  }

  private static same(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }

  private url(path: string): string {
    return new URL(path, this.publicBaseUrl.endsWith('/') ? this.publicBaseUrl : `${this.publicBaseUrl}/`).toString();
  }

  token(appointmentId: string): string {
    if (!ID_RE.test(appointmentId)) throw new RangeError('appointment id not usable in a link');
    return `${appointmentId}.${this.mac('cancel', appointmentId)}`;
  }

  /** The appointment id a token was issued for, or null for anything forged, truncated or malformed. */
  appointmentIdOf(token: string): string | null {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const id = token.slice(0, dot);
    const mac = token.slice(dot + 1);
    if (!ID_RE.test(id) || !MAC_RE.test(mac)) return null;
    return CitizenLinks.same(mac, this.mac('cancel', id)) ? id : null;
  }

  cancelUrl(appointmentId: string): string {
    return this.url(`c/${this.token(appointmentId)}`);
  }

  /** The reschedule page (same token as the cancel link: it identifies the appointment, the path the action). */
  rescheduleUrl(appointmentId: string): string {
    return this.url(`c/${this.token(appointmentId)}/reschedule`);
  }

  icsUrl(appointmentId: string): string {
    return this.url(`c/${this.token(appointmentId)}/termin.ics`);
  }

  /** The privacy notice (Datenschutzhinweise); `?lang=en` for English. */
  privacyUrl(language: 'de' | 'en' = 'de'): string {
    return this.url(`datenschutz${LANG_QUERY[language]}`);
  }

  /** The accessibility statement (Erklärung zur Barrierefreiheit). */
  accessibilityUrl(language: 'de' | 'en' = 'de'): string {
    return this.url(`barrierefreiheit${LANG_QUERY[language]}`);
  }

  /**
   * A staff member's feed token. Generation 0 is the first link (the HMAC of the staff id alone, as
   * before renewals existed); each renewal ("Neuen Link erstellen") counts one up, so the old token
   * no longer matches.
   */
  feedToken(staffId: string, generation = 0): string {
    return this.mac('feed', generation === 0 ? staffId : `${staffId}#${generation}`);
  }

  verifyFeedToken(staffId: string, token: string, generation = 0): boolean {
    return MAC_RE.test(token) && CitizenLinks.same(token, this.feedToken(staffId, generation));
  }

  /** The subscription URL a staff member pastes into Outlook ("Add calendar → From internet"). */
  feedUrl(staffId: string, generation = 0): string {
    return this.url(`feed/${encodeURIComponent(staffId)}/${this.feedToken(staffId, generation)}.ics`);
  }

  /**
   * A report link's token (journey 10): bound to the supervisor it was made for, the period, and
   * the moment it expires; the route checks all three and the supervisor's rights at that moment.
   * `<payload>.<mac>`, the payload base64url of "staffId~rangeKey~expiresAt".
   */
  reportToken(grant: ReportGrant): string {
    if (!ID_RE.test(grant.staffId)) throw new RangeError('staff id not usable in a link');
    const payload = Buffer.from(`${grant.staffId}~${grant.range}~${grant.expiresAt}`).toString('base64url');
    return `${payload}.${this.mac('report', payload)}`;
  }

  /** The grant a report token was issued for, or null for anything forged, truncated or malformed (expired ones included: the caller decides). */
  reportGrantOf(token: string): ReportGrant | null {
    const dot = token.lastIndexOf('.');
    if (dot <= 0 || token.length > 300) return null;
    const payload = token.slice(0, dot);
    const mac = token.slice(dot + 1);
    if (!/^[A-Za-z0-9_-]+$/.test(payload) || !MAC_RE.test(mac)) return null;
    if (!CitizenLinks.same(mac, this.mac('report', payload))) return null;
    const [staffId, range, expiresAt] = Buffer.from(payload, 'base64url').toString('utf8').split('~');
    if (!staffId || !range || !expiresAt || !/^\d{1,16}$/.test(expiresAt)) return null;
    return { staffId, range, expiresAt: Number(expiresAt) };
  }

  /**
   * The report page (`file` absent) or one of its downloads. The token goes in the query (`t`, which
   * the request log masks): a path segment is limited to 100 characters by the router.
   */
  reportUrl(grant: ReportGrant, options: { file?: string; lang?: 'de' | 'en' } = {}): string {
    const path = options.file ? `${REPORT_PATH}/${encodeURIComponent(options.file)}` : REPORT_PATH;
    const lang = LANG_PARAM[options.lang ?? 'de'];
    return this.url(`${path.slice(1)}?t=${this.reportToken(grant)}${lang}`);
  }
}

/** Which generation of a staff member's feed link is the valid one (0 until the first renewal). */
export interface FeedGenerations {
  current(staffId: string): Promise<number>;
  /** Counts one up and returns the new generation (atomic: two renewals at once give two generations). */
  renew(staffId: string): Promise<number>;
}

/** How far back a revoked feed link is still recognised as one (410 instead of 404). */
const REVOKED_LOOKBACK = 20;

/**
 * The staff calendar feed's links with renewal ("Mein Kalender" in the bot): the current URL, a new
 * one that revokes the old, and the check of a requested token.
 */
export class StaffFeedLinks {
  constructor(
    private readonly links: CitizenLinks,
    private readonly generations: FeedGenerations,
  ) {}

  async url(staffId: string): Promise<string> {
    return this.links.feedUrl(staffId, await this.generations.current(staffId));
  }

  /** A new URL; the previous one stops working at once. */
  async renew(staffId: string): Promise<string> {
    return this.links.feedUrl(staffId, await this.generations.renew(staffId));
  }

  /** 'current' for the valid token, 'revoked' for one replaced by a renewal, else 'invalid'. */
  async check(staffId: string, token: string): Promise<'current' | 'revoked' | 'invalid'> {
    const current = await this.generations.current(staffId);
    if (this.links.verifyFeedToken(staffId, token, current)) return 'current';
    for (let g = current - 1; g >= Math.max(0, current - REVOKED_LOOKBACK); g--)
      if (this.links.verifyFeedToken(staffId, token, g)) return 'revoked';
    return 'invalid';
  }
}
