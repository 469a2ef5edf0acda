/** Counting SMS segments as carriers do (3GPP TS 23.038/23.040). */
import { countSegments, encodeGsm7, isGsm7, splitSegments, toGsm } from '../../src/sms/segments';

describe('SMS segments', () => {
  it('counts German text with umlauts and ß as GSM-7: 160 in one SMS, 153 per segment beyond', () => {
    expect(isGsm7('Grüße aus Seelze: Ärger über Öffnungszeiten, Maße')).toBe(true);
    expect(countSegments('ä'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('ä'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(countSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', segments: 2, units: 306 });
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the extension table (€ [ ] { } \\ ~ ^ |) as two septets and never splits one between segments', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain + one € (2 septets) does not fit the first 153-septet segment: the € moves on whole.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
  });

  it('makes the whole SMS UCS-2 for one character outside the tables: 70 in one, 67 per segment', () => {
    expect(isGsm7('Termin „heute“')).toBe(false);
    expect(countSegments('a'.repeat(69) + '–')).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(countSegments('a'.repeat(70) + '–')).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(countSegments('a'.repeat(133) + '–').segments).toBe(2);
    expect(countSegments('a'.repeat(134) + '–').segments).toBe(3);
  });

  it('never splits a surrogate pair (an emoji) between UCS-2 segments', () => {
    const text = `${'a'.repeat(66)}😀${'a'.repeat(10)}`;
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', segments: 2, units: 78 });
  });

  it('writes typographic quotes, dashes and foreign letters in GSM-7 where that loses nothing', () => {
    expect(toGsm('„Łukasz Şahin“ – Öztürk…')).toBe('"Lukasz Sahin" - Öztürk...');
    expect(isGsm7(toGsm('Zoë Çelik, Ñandú'))).toBe(true);
    // Nothing to map: it stays, and the SMS is UCS-2.
    expect(toGsm('王')).toBe('王');
  });

  it('cuts a text into exactly the segments it counts, never between an escape pair or a surrogate pair', () => {
    const gsm = `${'a'.repeat(152)}€${'b'.repeat(100)}`;
    expect(splitSegments(gsm)).toEqual({ encoding: 'GSM-7', parts: ['a'.repeat(152), `€${'b'.repeat(100)}`] });
    const ucs = `${'a'.repeat(66)}😀${'a'.repeat(10)}`;
    expect(splitSegments(ucs).parts).toEqual(['a'.repeat(66), `😀${'a'.repeat(10)}`]);
    expect(splitSegments('kurz')).toEqual({ encoding: 'GSM-7', parts: ['kurz'] });
    for (const text of [gsm, ucs, 'ä'.repeat(161), 'x'.repeat(306)])
      expect(splitSegments(text).parts).toHaveLength(countSegments(text).segments);
  });

  it('encodes GSM-7 as the default alphabet, one septet per octet, extension characters after the escape', () => {
    expect([...encodeGsm7('@Ä€ä\n')]).toEqual([0x00, 0x5b, 0x1b, 0x65, 0x7b, 0x0a]);
    expect([...encodeGsm7('Æß{')]).toEqual([0x1c, 0x1e, 0x1b, 0x28]);
    expect(() => encodeGsm7('王')).toThrow(RangeError);
  });
});
