import { cleanDeep, cleanLine, cleanText, isCleanText } from '../../src/domain/text';

describe('text normalisation at the edges', () => {
  it('replaces lone surrogates, keeps valid pairs', () => {
    expect(cleanText('a\ud800b')).toBe('a\ufffdb');
    expect(cleanText('\udfffx\ud83d')).toBe('\ufffdx\ufffd');
    expect(cleanText('😀')).toBe('😀');
  });

  it('removes C0/C1 controls and bidi overrides, keeps tab and line breaks', () => {
    expect(cleanText('Er\u0000ika\u0007 \u001b[31m\u0085\u009b')).toBe('Erika [31m');
    expect(cleanText('\u202eakirE\u202c \u2066x\u2069')).toBe('akirE x');
    expect(cleanText('a\tb\nc\r\n')).toBe('a\tb\nc\r\n');
  });

  it('removes zero-width characters and direction marks, so look-alike names compare equal', () => {
    for (const mark of ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u061c', '\ufeff'])
      expect(cleanText(`Fr${mark}itz`)).toBe('Fritz');
  });

  it('makes a one-line field of a name: line breaks and tabs become one space', () => {
    expect(cleanLine('  Fritz\r\nBcc: evil@example.org\t Müller\u200b ')).toBe('Fritz Bcc: evil@example.org Müller');
    expect(cleanLine('\r\n')).toBe('');
  });

  it('returns NFC', () => {
    expect(cleanText('Jose\u0301')).toBe('Jos\u00e9');
    expect(isCleanText('Jos\u00e9')).toBe(true);
    expect(isCleanText('Jose\u0301')).toBe(false);
  });

  it('cleans every string of a JSON value and leaves other values alone', () => {
    expect(cleanDeep({ verb: 'book.confirm', n: 3, list: ['\ud800', null], nested: { 'k\u202e': 'v\u0000' } })).toEqual(
      {
        verb: 'book.confirm',
        n: 3,
        list: ['\ufffd', null],
        nested: { k: 'v' },
      },
    );
  });
});
