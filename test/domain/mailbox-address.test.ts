import { mailboxOf, sameMailbox } from '../../src/domain/mailbox-address';

describe('the mailbox an address names', () => {
  it('ignores case and a plus tag in the local part, both ways', () => {
    expect(sameMailbox('fritz+termin@example.org', 'Fritz@Example.org')).toBe(true);
    expect(sameMailbox('fritz@example.org', 'fritz+kalender@example.org')).toBe(true);
    expect(mailboxOf(' Fritz+a+b@Example.ORG ')).toBe('fritz@example.org');
  });

  it('keeps different mailboxes apart', () => {
    expect(sameMailbox('fritz@example.org', 'fritz@example.net')).toBe(false);
    expect(sameMailbox('fritz@example.org', 'fritzi@example.org')).toBe(false);
    // a leading plus is the whole local part, not a tag
    expect(mailboxOf('+49@example.org')).toBe('+49@example.org');
  });
});
