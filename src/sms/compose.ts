/**
 * The SMS text of one message to a citizen, at most two segments (src/sms/segments.ts). Lock screens
 * show SMS to anyone nearby: a service marked `sensitive` in the directory is never named ("Ihr
 * Termin bei der Stadt Seelze"). When the full text is too long (long names, a long reason), details
 * go in a fixed order — what to bring, the place and the staff member's name, then the reason's
 * length, then the service's name, then the channel line — so that day, date, time, reference and
 * link always remain. What to bring is the service's short form (`bring.short`), never for a
 * sensitive service (it could name it).
 */
import { appointmentParts } from '../invitations/appointment-text';
import { displayPhone } from '../domain/phone';
import { bringShort } from '../domain/services';
import type { Appointment, Directory, PreviousPlacement, SmsEvent } from '../domain/types';
import { formatDay, formatTime } from '../i18n/dates';
import { countSegments, MAX_SEGMENTS, toGsm, type SegmentCount } from './segments';
import { smsTexts } from './texts';

export interface SmsContent {
  event: SmsEvent;
  /** 'changed': where the appointment was before. */
  previous?: PreviousPlacement;
  /** The short link to the citizen's page (`/t/<code>`); none after a cancellation. */
  shortUrl?: string;
  /** The appointment reference ("T-4K7Q") the citizen reads out on the phone, once appointments have one. */
  reference?: string;
}

export interface ComposedSms extends SegmentCount {
  text: string;
}

/** How much detail a variant keeps (see the module comment). */
interface Detail {
  /** What to bring (the service's short form), never for a sensitive service. */
  bring: boolean;
  place: boolean;
  reasonMax: number;
  serviceName: boolean;
  channelLine: boolean;
}

const VARIANTS: Detail[] = [
  { bring: true, place: true, reasonMax: 200, serviceName: true, channelLine: true },
  { bring: false, place: true, reasonMax: 200, serviceName: true, channelLine: true },
  { bring: false, place: false, reasonMax: 200, serviceName: true, channelLine: true },
  { bring: false, place: false, reasonMax: 60, serviceName: true, channelLine: true },
  { bring: false, place: false, reasonMax: 60, serviceName: false, channelLine: true },
  { bring: false, place: false, reasonMax: 0, serviceName: false, channelLine: true },
  { bring: false, place: false, reasonMax: 0, serviceName: false, channelLine: false },
];

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, Math.max(0, max - 3)).trimEnd()}...`;
}

export function composeSms(a: Appointment, directory: Directory, content: SmsContent): ComposedSms {
  const lang = a.citizen.language;
  const T = smsTexts[lang];
  const { staff, service, team } = appointmentParts(a, directory);
  const org = directory.organisation;
  const when = (ms: number) => T.when(formatDay(ms, lang), formatTime(ms));

  const variant = (d: Detail): string => {
    const what = d.serviceName && !service.sensitive ? T.yourService(service.name[lang]) : T.yourAppointment(org.name);
    const head =
      content.event === 'booked'
        ? T.booked(org.name, what, when(a.start))
        : content.event === 'changed'
          ? T.changed(org.name, what, when(a.start), content.previous ? when(content.previous.start) : '-')
          : content.event === 'cancelled'
            ? T.cancelled(org.name, what, when(a.start))
            : T.reminder(org.name, what, when(a.start));
    const parts = [head];
    if (content.event === 'cancelled') {
      if (a.cancelReason && d.reasonMax > 0) parts.push(T.reason(clip(a.cancelReason, d.reasonMax)));
    } else if (d.channelLine) {
      if (a.channel === 'phone')
        parts.push(
          a.citizen.phone
            ? d.place
              ? T.phoneWeCall(staff.name)
              : T.phoneWeCallNoName
            : T.phoneYouCall(displayPhone(staff.phone)),
        );
      else if (a.channel === 'video') parts.push(T.video);
      else parts.push(d.place ? T.inPerson(staff.room ?? team?.location ?? org.address) : T.inPersonNoPlace);
    }
    if (d.bring && service.bring && !service.sensitive && content.event !== 'cancelled')
      parts.push(T.bring(bringShort(service.bring, lang)));
    if (content.reference) parts.push(T.ref(content.reference));
    if (content.event === 'cancelled') parts.push(T.newAppointment(displayPhone(org.phone)));
    else if (content.shortUrl)
      parts.push(content.event === 'reminder' ? T.linkReminder(content.shortUrl) : T.link(content.shortUrl));
    return toGsm(parts.join(' '));
  };

  let text = '';
  for (const d of VARIANTS) {
    text = variant(d);
    const count = countSegments(text);
    if (count.segments <= MAX_SEGMENTS) return { text, ...count };
  }
  // Only a directory with an absurdly long town name gets here: cut to what two segments hold.
  let cut = text;
  while (countSegments(cut).segments > MAX_SEGMENTS) cut = [...cut].slice(0, -10).join('');
  return { text: cut, ...countSegments(cut) };
}
