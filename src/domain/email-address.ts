/**
 * The form of a citizen's email address, internationalised ones included (RFC 6530–6532):
 * `jürgen@müller.example`, `erika@müller.example`, `δοκιμή@παράδειγμα.δοκιμή`. Letters, marks and
 * digits of every script count like the ASCII ones; the rest is the dot-atom form every mail
 * client accepts (no quoted local parts, no IP literals).
 *
 * How such an address travels is the mail transport's business (src/delivery/mail/international.ts):
 * a domain in Unicode goes out as its A-label (`xn--mller-kva.example`), a local part in Unicode
 * needs a relay that offers SMTPUTF8.
 */

const WORD = String.raw`[\p{L}\p{M}\p{N}_'+\-]`;
const LOCAL = new RegExp(String.raw`^(?:${WORD}+\.)*${WORD}*[\p{L}\p{M}\p{N}_+\-]$`, 'u');
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;
/** A top-level domain: letters (any script), or an A-label (`xn--p1ai`). */
const TOP = /^(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)$/iu;

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Local part and domain of an address (split at the last `@`), or undefined without one. */
export function splitAddress(address: string): { local: string; domain: string } | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return undefined;
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** True when a part holds anything beyond ASCII (it then needs SMTPUTF8, or an A-label for a domain). */
export const isNonAscii = (s: string): boolean => /\P{ASCII}/u.test(s);

/** Whether `address` has the form of a deliverable email address (Unicode letters allowed). */
export function isEmailAddress(address: string): boolean {
  if (address.length > 254 || /\s/.test(address)) return false;
  const parts = splitAddress(address);
  if (!parts || parts.local.includes('@')) return false;
  if (utf8Length(parts.local) > 64 || !LOCAL.test(parts.local)) return false;
  const labels = parts.domain.split('.');
  if (labels.length < 2 || !TOP.test(labels.at(-1)!)) return false;
  return labels.every((l) => LABEL.test(l) && utf8Length(l) <= 63);
}
