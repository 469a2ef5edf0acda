import { isEmailAddress } from '../../src/domain/email-address';

describe('isEmailAddress', () => {
  it.each([
    'erika@example.org',
    'fritz+termin@example.org',
    "o'neil@example.ie",
    'jürgen@müller.example',
    'erika@müller.example',
    'δοκιμή@παράδειγμα.δοκιμή',
    'a@xn--mller-kva.example',
    'a@example.xn--p1ai',
    'first.last@sub.example.de',
  ])('takes %s', (address) => expect(isEmailAddress(address)).toBe(true));

  it.each([
    '',
    'erika',
    'erika@',
    '@example.org',
    'erika@example',
    'erika@@example.org',
    'a@b@example.org',
    'erika mustermann@example.org',
    '.erika@example.org',
    'erika.@example.org',
    'er..ika@example.org',
    'erika@-example.org',
    'erika@example-.org',
    'erika@example..org',
    'erika@example.o',
    '<erika@example.org>',
    `${'ü'.repeat(33)}@example.org`,
    `a@${'b'.repeat(250)}.de`,
  ])('refuses %j', (address) => expect(isEmailAddress(address)).toBe(false));
});
