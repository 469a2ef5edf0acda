/** The one rule of reaching the citizen: every booking needs an email or a phone number; how a change reaches them. */
import { citizenReach, contactMissing, keptPhone, needsCall, smsReaches } from '../../src/domain/booking-rules';
import { reachMessages } from '../../src/domain/reach-messages';
import type { Appointment } from '../../src/domain/types';

const MOBILE = '+491711234567';
const LANDLINE = '+49513712345';

describe('reaching the citizen', () => {
  it('refuses a booking nobody could reach, whatever the channel', () => {
    expect(contactMissing('in-person', {})).toBe('email-or-phone');
    expect(contactMissing('phone', {})).toBe('phone');
    expect(contactMissing('video', {})).toBe('email');
    expect(contactMissing('video', { phone: MOBILE })).toBe('email');
    expect(contactMissing('phone', { email: 'a@b.de' })).toBe('phone');
    expect(contactMissing('in-person', { phone: LANDLINE })).toBeNull();
    expect(contactMissing('in-person', { email: 'a@b.de' })).toBeNull();
    expect(contactMissing('phone', { phone: LANDLINE })).toBeNull();
  });

  it('sends SMS only with consent and only to a mobile number', () => {
    expect(smsReaches({ phone: MOBILE, smsConsent: true })).toBe(true);
    expect(smsReaches({ phone: MOBILE })).toBe(false);
    expect(smsReaches({ phone: LANDLINE, smsConsent: true })).toBe(false);
  });

  it('says how a change reaches the citizen: mail, SMS, or only a call by the staff member', () => {
    expect(citizenReach({ email: 'a@b.de' })).toEqual({ mail: true, sms: false, call: 'none' });
    expect(citizenReach({ phone: MOBILE, smsConsent: true })).toEqual({ mail: false, sms: true, call: 'none' });
    expect(citizenReach({ phone: LANDLINE, smsConsent: true })).toEqual({ mail: false, sms: false, call: 'phone' });
    expect(citizenReach({})).toEqual({ mail: false, sms: false, call: 'nobody' });
    expect(needsCall({ phone: MOBILE })).toBe(true);
    expect(needsCall({ email: 'a@b.de', phone: LANDLINE })).toBe(false);
  });

  it('keeps the number only where it is needed: phone always, in person without email, SMS with consent', () => {
    expect(keptPhone('phone', 'a@b.de', LANDLINE)).toBe(LANDLINE);
    expect(keptPhone('in-person', 'a@b.de', LANDLINE)).toBeUndefined();
    expect(keptPhone('in-person', undefined, LANDLINE)).toBe(LANDLINE);
    expect(keptPhone('in-person', 'a@b.de', MOBILE, true)).toBe(MOBILE);
    expect(keptPhone('video', 'a@b.de', MOBILE, false)).toBeUndefined();
    expect(keptPhone('video', 'a@b.de', MOBILE, true)).toBe(MOBILE);
  });

  it('adds one SMS to each invitation or cancellation of a change when SMS reach the citizen', () => {
    const a = {
      id: 'appt_1',
      sequence: 2,
      citizen: { name: 'Ilse', phone: MOBILE, smsConsent: true, language: 'de' },
    } as unknown as Appointment;
    const previous = { staffId: 'x', start: 1, end: 2, channel: 'phone' as const };
    expect(
      reachMessages(
        [
          { kind: 'citizen-invitation', appointmentId: 'appt_1', sequence: 2, reason: 'replanned', previous },
          { kind: 'staff-notice', staffId: 'x', appointmentId: 'appt_1', event: 'replanned' },
        ],
        a,
      ),
    ).toEqual([{ kind: 'citizen-sms', appointmentId: 'appt_1', sequence: 2, event: 'changed', previous }]);
    expect(
      reachMessages([{ kind: 'citizen-cancellation', appointmentId: 'appt_1', sequence: 3, reason: 'staff' }], a),
    ).toEqual([{ kind: 'citizen-sms', appointmentId: 'appt_1', sequence: 3, event: 'cancelled' }]);
    const noConsent = { ...a, citizen: { ...a.citizen, smsConsent: false } };
    expect(
      reachMessages(
        [{ kind: 'citizen-invitation', appointmentId: 'appt_1', sequence: 0, reason: 'booked' }],
        noConsent,
      ),
    ).toEqual([]);
  });

  it('puts a change that only a call reaches on the call list of who serves it; the citizen’s own change and the booking need no call', () => {
    const ilse = {
      id: 'appt_2',
      sequence: 1,
      staffId: 'katrin-hoffmann',
      updatedAt: 1000,
      citizen: { name: 'Ilse', phone: LANDLINE, smsConsent: true, language: 'de' },
    } as unknown as Appointment;
    const previous = { staffId: 'katrin-hoffmann', start: 1, end: 2, channel: 'in-person' as const };
    const moved = {
      kind: 'citizen-invitation',
      appointmentId: 'appt_2',
      sequence: 1,
      reason: 'rescheduled',
      previous,
    } as const;
    expect(reachMessages([moved], ilse)).toEqual([
      {
        kind: 'staff-call',
        staffId: 'katrin-hoffmann',
        appointmentId: 'appt_2',
        sequence: 1,
        event: 'changed',
        cause: 'no-reach',
        previous,
        at: 1000,
      },
    ]);
    // Moved by the citizen on their own page: they know.
    expect(
      reachMessages(
        [
          moved,
          {
            kind: 'staff-notice',
            staffId: 'katrin-hoffmann',
            appointmentId: 'appt_2',
            event: 'citizen-rescheduled',
            previous,
          },
        ],
        ilse,
      ),
    ).toEqual([]);
    expect(
      reachMessages([{ kind: 'citizen-invitation', appointmentId: 'appt_2', sequence: 0, reason: 'booked' }], ilse),
    ).toEqual([]);
    expect(
      reachMessages([{ kind: 'citizen-cancellation', appointmentId: 'appt_2', sequence: 2, reason: 'citizen' }], ilse),
    ).toEqual([]);
    // A replanning's cancellation: the supervisor who applied it calls.
    expect(
      reachMessages([{ kind: 'citizen-cancellation', appointmentId: 'appt_2', sequence: 2, reason: 'replan' }], ilse, {
        caller: 'anna-schulz',
      }),
    ).toMatchObject([{ kind: 'staff-call', staffId: 'anna-schulz', event: 'cancelled' }]);
    // With an email address the mail reaches her: no call.
    expect(reachMessages([moved], { ...ilse, citizen: { ...ilse.citizen, email: 'i@example.org' } })).toEqual([]);
  });
});
