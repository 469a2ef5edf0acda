/**
 * Unguessable links for citizens (no login) and the staff calendar feed.
 *
 * A token is `<appointment id>.<HMAC-SHA256(secret, "cancel:" + id)>` (256-bit MAC, base64url):
 * nothing to store, valid on every instance that shares the secret, checked in constant time.
 * Whether a valid token still works (not after the end or a cancellation) is decided by the
 * caller from the appointment's state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const ID_RE = /^[A-Za-z0-9_-]{1,80}$/;
const MAC_RE = /^[A-Za-z0-9_-]{43}$/;

export class CitizenLinks {
  constructor(
    private readonly secret: string,
    private readonly publicBaseUrl: string,
  ) {
    if (secret.length < 32) throw new RangeError('the citizen link secret must have at least 32 characters');
  }

  private mac(purpose: 'cancel' | 'feed', id: string): string {
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
    return this.url(`datenschutz${language === 'en' ? '?lang=en' : ''}`);
  }

  /** The accessibility statement (Erklärung zur Barrierefreiheit). */
  accessibilityUrl(language: 'de' | 'en' = 'de'): string {
    return this.url(`barrierefreiheit${language === 'en' ? '?lang=en' : ''}`);
  }

  feedToken(staffId: string): string {
    return this.mac('feed', staffId);
  }

  verifyFeedToken(staffId: string, token: string): boolean {
    return MAC_RE.test(token) && CitizenLinks.same(token, this.mac('feed', staffId));
  }

  /** The subscription URL a staff member pastes into Outlook ("Add calendar → From internet"). */
  feedUrl(staffId: string): string {
    return this.url(`feed/${encodeURIComponent(staffId)}/${this.feedToken(staffId)}.ics`);
  }
}
