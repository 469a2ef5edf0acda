/**
 * When two mail addresses name the same mailbox: case does not matter, and a plus tag in the local
 * part (`fritz+termin@example.org`, as Gmail, Outlook.com and Fastmail deliver) names the same
 * mailbox as the address without it. A citizen invited under an alias often answers from the plain
 * address (or the other way round); their answer must count.
 *
 * Mirrored in src/store/lua/apply-reply-1.lua (`mailbox_of`): keep both in step.
 */
export function mailboxOf(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${domain}`;
}

export function sameMailbox(a: string, b: string): boolean {
  return mailboxOf(a) === mailboxOf(b);
}
