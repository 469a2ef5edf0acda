/**
 * What an appointment means to a reader, in German or English: the words shared by the
 * iCalendar fields (SUMMARY, LOCATION, DESCRIPTION) and the mails, so both always say the same.
 */
import { placeLine } from '../domain/address';
import { indexDirectory } from '../domain/directory-index';
import { DateTime } from 'luxon';
import { DomainError } from '../domain/errors';
import { serviceFor, serviceIdsOf } from '../domain/services';
import type { Appointment, CancelCode, Channel, Directory, Language, Service, Staff, Team } from '../domain/types';
import { TIME_ZONE } from '../domain/types';

/** citizen: the invitation to the citizen; staff: the staff member's copy; feed: no citizen data at all. */
export type Audience = 'citizen' | 'staff' | 'feed';

export interface AppointmentParts {
  staff: Staff;
  service: Service;
  team: Team | undefined;
}

export function appointmentParts(appointment: Appointment, directory: Directory): AppointmentParts {
  const staff = indexDirectory(directory).staffById(appointment.staffId);
  if (!staff) throw new DomainError('unknown-staff', `staff ${appointment.staffId}`);
  // Several services in one appointment read as one: "An-, Um- und Abmeldung + Personalausweis …".
  const service = serviceFor(directory, serviceIdsOf(appointment));
  return { staff, service, team: indexDirectory(directory).teamById(staff.team) };
}

const CHANNEL: Record<Language, Record<Channel, string>> = {
  de: { video: 'Video', phone: 'Telefon', 'in-person': 'vor Ort' },
  en: { video: 'video', phone: 'phone', 'in-person': 'in person' },
};

export function channelLabel(channel: Channel, language: Language): string {
  return CHANNEL[language][channel];
}

export function localStart(ms: number, language: Language): DateTime {
  return DateTime.fromMillis(ms, { zone: TIME_ZONE }).setLocale(language === 'de' ? 'de-DE' : 'en-GB');
}

/** "Montag, 30. März 2026" / "Monday, 30 March 2026". */
export function formatDate(ms: number, language: Language): string {
  return localStart(ms, language).toFormat(language === 'de' ? 'cccc, d. LLLL yyyy' : 'cccc, d LLLL yyyy');
}

/** "10:00–10:30 Uhr" / "10:00–10:30" (Europe/Berlin wall clock). */
export function formatTimeRange(start: number, end: number, language: Language): string {
  const range = `${localStart(start, language).toFormat('HH:mm')}–${localStart(end, language).toFormat('HH:mm')}`;
  return language === 'de' ? `${range} Uhr` : `${range} (German time)`;
}

export function formatWhen(appointment: Pick<Appointment, 'start' | 'end'>, language: Language): string {
  return `${formatDate(appointment.start, language)}, ${formatTimeRange(appointment.start, appointment.end, language)}`;
}

export function locationOf(
  appointment: Appointment,
  directory: Directory,
  language: Language,
  audience: Audience,
): string {
  const { staff, team } = appointmentParts(appointment, directory);
  switch (appointment.channel) {
    case 'video':
      return appointment.meetingUrl ?? (language === 'de' ? 'Videosprechstunde' : 'Video consultation');
    case 'phone': {
      const number = audience === 'feed' ? undefined : appointment.citizen.phone;
      if (language === 'de') return number ? `Telefon – Anruf unter ${number}` : 'Telefontermin';
      return number ? `Phone – call to ${number}` : 'Phone appointment';
    }
    case 'in-person':
      return placeLine(staff.room, team?.location ?? directory.organisation.address);
  }
}

export function summaryOf(
  appointment: Appointment,
  directory: Directory,
  language: Language,
  audience: Audience,
): string {
  const { service } = appointmentParts(appointment, directory);
  const what = `${service.name[language]} (${channelLabel(appointment.channel, language)})`;
  if (audience === 'citizen') return `${directory.organisation.name}: ${what}`;
  if (audience === 'staff') return `${what} – ${appointment.citizen.name}`;
  return what;
}

/** The lines that tell the reader how the consultation happens (video link, who calls whom, where). */
export function channelLines(
  appointment: Appointment,
  directory: Directory,
  language: Language,
  audience: Audience,
): string[] {
  const { staff } = appointmentParts(appointment, directory);
  const de = language === 'de';
  const citizenPhone = audience === 'feed' ? undefined : appointment.citizen.phone;
  switch (appointment.channel) {
    case 'video': {
      const link = appointment.meetingUrl;
      if (!link)
        return [
          de
            ? 'Den Link zur Videosprechstunde erhalten Sie in einer weiteren E-Mail.'
            : 'You will receive the link to the video consultation in a separate email.',
        ];
      if (audience === 'citizen')
        return de
          ? [
              'Videosprechstunde. Öffnen Sie zur vereinbarten Zeit diesen Link im Browser (Kamera und Mikrofon erlauben):',
              link,
            ]
          : [
              'Video consultation. At the agreed time, open this link in your browser (allow camera and microphone):',
              link,
            ];
      return [de ? 'Videosprechstunde:' : 'Video consultation:', link];
    }
    case 'phone':
      if (audience === 'citizen')
        return de
          ? [
              `Telefontermin: ${staff.name} ruft Sie zur vereinbarten Zeit unter ${citizenPhone ?? 'Ihrer Telefonnummer'} an.`,
              `Falls Sie den Anruf verpassen, erreichen Sie uns unter ${staff.phone}.`,
            ]
          : [
              `Phone appointment: ${staff.name} will call you at the agreed time on ${citizenPhone ?? 'your phone number'}.`,
              `If you miss the call, you can reach us on ${staff.phone}.`,
            ];
      if (audience === 'staff')
        return de
          ? [`Telefontermin: Sie rufen ${appointment.citizen.name} unter ${citizenPhone ?? '(keine Nummer)'} an.`]
          : [`Phone appointment: you call ${appointment.citizen.name} on ${citizenPhone ?? '(no number)'}.`];
      return [de ? 'Telefontermin: Sie rufen an (Nummer im Bot).' : 'Phone appointment: you call (number in the bot).'];
    case 'in-person': {
      const where = locationOf(appointment, directory, language, audience);
      if (audience === 'citizen')
        return de
          ? [
              `Termin vor Ort: ${where}.`,
              `Bitte bringen Sie die nötigen Unterlagen und einen Ausweis mit. Ihre Ansprechperson: ${staff.name}.`,
            ]
          : [
              `In-person appointment: ${where}.`,
              `Please bring the necessary documents and an ID. Your contact: ${staff.name}.`,
            ];
      return [de ? `Termin vor Ort: ${where}.` : `In-person appointment: ${where}.`];
    }
  }
}

/**
 * What the clerk reads to a citizen who gets no invitation (booked without email), in the citizen's
 * language: what, when, how (place, who calls), and how to cancel. One paragraph, plain words.
 */
export function readAloudText(appointment: Appointment, directory: Directory): string {
  const language = appointment.citizen.language;
  const { service } = appointmentParts(appointment, directory);
  const org = directory.organisation;
  const how = channelLines(appointment, directory, language, 'citizen').join(' ');
  return language === 'de'
    ? `Ihr Termin bei ${org.name}: ${service.name.de}, ${formatWhen(appointment, 'de')}. ${how} Falls Sie nicht kommen können, sagen Sie bitte unter ${org.phone} ab.`
    : `Your appointment with ${org.name}: ${service.name.en}, ${formatWhen(appointment, 'en')}. ${how} If you cannot make it, please cancel on ${org.phone}.`;
}

/** A staff member's cancel reason as the citizen reads it ("Grund: …"), in the citizen's language. */
const CITIZEN_CANCEL_REASON: Record<CancelCode, { de: string; en: string } | undefined> = {
  'citizen-request': { de: 'Auf Ihren Wunsch', en: 'At your request' },
  'staff-unavailable': { de: 'Ihre Ansprechperson ist verhindert', en: 'Your contact person is unavailable' },
  'not-needed': { de: 'Ihr Anliegen hat sich erledigt', en: 'Your matter has been settled' },
  other: undefined,
};

/** The stored and mailed reason: the chosen reason in the citizen's words, plus the staff member's details. */
export function citizenCancelReason(code: CancelCode, details: string | undefined, language: Language): string {
  return [CITIZEN_CANCEL_REASON[code]?.[language], details?.trim()].filter(Boolean).join(': ');
}
