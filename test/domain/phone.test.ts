/** Citizens' numbers: German numbers written any way, mobile vs landline, E.164 stored, masked in logs. */
import { displayPhone, isMobile, maskPhone, parsePhone } from '../../src/domain/phone';

describe('phone numbers', () => {
  it.each([
    ['0171 1234567', '+491711234567'],
    ['+49 171 1234567', '+491711234567'],
    ['0049 (0)171/1234567', '+491711234567'],
    ['0171-123 45 67', '+491711234567'],
    ['01520 1234567', '+4915201234567'],
  ])('reads the German mobile number %s as %s', (typed, e164) => {
    const p = parsePhone(typed);
    expect(p).toMatchObject({ e164, kind: 'mobile' });
    expect(p?.display).toMatch(/^01/);
  });

  it('tells a landline from a mobile number', () => {
    expect(parsePhone('05137 12345')).toMatchObject({ e164: '+49513712345', kind: 'landline', display: '05137 12345' });
    expect(parsePhone('0511/12345678')?.kind).toBe('landline');
    expect(isMobile('+491711234567')).toBe(true);
    expect(isMobile('+49513712345')).toBe(false);
    expect(isMobile(undefined)).toBe(false);
  });

  it('keeps foreign numbers with their country and writes them internationally', () => {
    expect(parsePhone('+43 664 1234567')).toEqual({
      e164: '+436641234567',
      kind: 'mobile',
      display: '+43 664 1234567',
    });
  });

  it('refuses what is no phone number', () => {
    for (const bad of ['12', '0511 abc 4711', '', '   ', '+49 0000', 'call me', '0171 12'])
      expect(parsePhone(bad)).toBeNull();
  });

  it('shows a stored number as staff read it out, and an old unparsable record as it is', () => {
    expect(displayPhone('+491711234567')).toBe('0171 1234567');
    expect(displayPhone('(keine)')).toBe('(keine)');
  });

  it('masks a number so that it cannot be read back from a log', () => {
    expect(maskPhone('+491711234567')).toBe('+49171•••67');
    expect(maskPhone('+491711234567')).not.toContain('1234567');
  });
});
