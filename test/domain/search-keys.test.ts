import {
  emailKey,
  nameMatches,
  nameWords,
  parseSearch,
  phoneKey,
  referenceFrom,
  REFERENCE_ALPHABET,
  searchEntriesOf,
  typedReference,
  typoBuckets,
} from '../../src/domain/search-keys';

describe('search keys', () => {
  it('fold names: case, accents, ä/ae/a and ß/ss alike, words split at hyphens', () => {
    expect(nameWords('Jürgen Müller-Lüdenscheidt')).toEqual(['jurgen', 'muller', 'ludenscheidt']);
    expect(nameWords('MUELLER')).toEqual(nameWords('Müller'));
    expect(nameWords('Muller')).toEqual(nameWords('Müller'));
    expect(nameWords('Strauß')).toEqual(nameWords('Strauss'));
    expect(nameWords('José Álvarez')).toEqual(['jose', 'alvarez']);
    expect(nameWords('Dr. A. Öztürk')).toEqual(['dr', 'ozturk']);
  });

  it.each([
    ['+49 151 2345678', '491512345678'],
    ['0049 (151) 2345-678', '491512345678'],
    ['0151/2345678', '491512345678'],
    ['0151 23 45 678', '491512345678'],
    ['+43 1 5880', '4315880'],
  ])('write a phone number in one form: %s', (typed, key) => {
    expect(phoneKey(typed)).toBe(key);
  });

  it('refuse what is no phone number', () => {
    expect(phoneKey('12345')).toBeUndefined();
    expect(phoneKey('Brandt 0151')).toBeUndefined();
  });

  it('compare email addresses in lower case', () => {
    expect(emailKey(' Gisela.Brandt@Example.ORG ')).toBe('gisela.brandt@example.org');
    expect(emailKey('no-at-sign')).toBeUndefined();
  });

  it('draw references from an alphabet without look-alikes', () => {
    expect(REFERENCE_ALPHABET).not.toMatch(/[01258BGILOSZ]/);
    const code = referenceFrom(Uint8Array.from([0, 1, 2, 255]));
    expect(code).toMatch(/^T-[34679ACDEFHJKMNPQRTUVWXY]{4}$/);
  });

  it.each([
    ['T-4K7Q', 'T-4K7Q'],
    ['t4k7q', 'T-4K7Q'],
    ['T 4K7Q', 'T-4K7Q'],
    ['4k7q', 'T-4K7Q'],
    ['T-4K7QA', 'T-4K7QA'],
  ])('read a typed reference: %s', (typed, code) => {
    expect(typedReference(typed)).toBe(code);
  });

  it('take a word without digit and without "T-" for a name, not a reference', () => {
    expect(typedReference('Hahn')).toBeUndefined();
    expect(typedReference('T-4K0Q')).toBeUndefined();
  });

  it('index name words, phone and email; nothing once anonymised', () => {
    const citizen = { name: 'Gisela Brandt', email: 'G@X.de', phone: '0151 1', language: 'de' as const };
    expect(searchEntriesOf({ citizen: { ...citizen, phone: '0151 234567' } })).toEqual([
      { key: 'n:gisela', rev: 'alesig' },
      { key: 'n:brandt', rev: 'tdnarb' },
      { key: 'p:49151234567' },
      { key: 'e:g@x.de' },
    ]);
    expect(searchEntriesOf({ citizen, anonymised: true })).toEqual([]);
  });

  it('allow one typo in names of five letters or more, none in shorter ones', () => {
    expect(nameMatches('brnadt', 'brandt')).toBe(true);
    expect(nameMatches('bradt', 'brandt')).toBe(true);
    expect(nameMatches('meier', 'meyer')).toBe(true);
    expect(nameMatches('brndat', 'brandt')).toBe(false);
    expect(nameMatches('hahn', 'hahm')).toBe(false);
  });

  it('find every one-typo variant in the prefix or the suffix bucket of the typed word', () => {
    const target = 'brandt';
    const variants = ['xrandt', 'rbandt', 'randt', 'xbrandt', 'brandx', 'bramdt', 'brantd', 'brand', 'brandtx'];
    for (const v of variants) {
      const { prefix, suffix } = typoBuckets(v);
      expect(nameMatches(v, target)).toBe(true);
      expect(target.startsWith(prefix) || target.endsWith(suffix)).toBe(true);
    }
  });

  it.each([
    ['Brandt', { kind: 'name', words: ['brandt'] }],
    ['Frau Brandt', { kind: 'name', words: ['brandt'] }],
    ['Termin von Frau Gisela Brandt', { kind: 'name', words: ['gisela', 'brandt'] }],
    ['0151 2345678', { kind: 'phone', key: '491512345678' }],
    ['mail gisela@x.de', { kind: 'email', key: 'gisela@x.de' }],
    ['t-4k7q', { kind: 'reference', code: 'T-4K7Q', words: ['t', '4k7q'].filter((w) => w.length >= 2) }],
  ])('read what a search looks for: %s', (typed, key) => {
    expect(parseSearch(typed)).toEqual({ ok: true, key });
  });

  it('read a date when the caller found one and nothing else', () => {
    expect(parseSearch('03.12.', '2026-12-03')).toEqual({ ok: true, key: { kind: 'date', date: '2026-12-03' } });
  });

  it('want three letters of a name, or a whole phone number', () => {
    expect(parseSearch('Br')).toEqual({ ok: false, reason: 'too-short' });
    expect(parseSearch('0151')).toEqual({ ok: false, reason: 'too-short' });
    expect(parseSearch('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseSearch('Frau')).toEqual({ ok: false, reason: 'empty' });
  });
});
