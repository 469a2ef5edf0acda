/**
 * What an appointment means to a reader, in German or English: the words shared by the
 * iCalendar fields (SUMMARY, LOCATION, DESCRIPTION) and the mails, so both always say the same.
 */
import { placeLine } from '../domain/address';
import { indexDirectory } from '../domain/directory-index';
import { DomainError } from '../domain/errors';
import { displayPhone } from '../domain/phone';
import { serviceFor, serviceIdsOf } from '../domain/services';
import type { Appointment, CancelCode, Channel, Directory, Language, Service, Staff, Team } from '../domain/types';
import { formatDayLong, formatTime } from '../i18n/dates';
import { calendarTexts } from './texts';

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

export function channelLabel(channel: Channel, language: Language): string {
  return calendarTexts[language].channel(channel);
}

/** "Montag, 30. März 2026" / "Monday, 30 March 2026". */
export const formatDate = formatDayLong;

/** "10:00–10:30 Uhr" / "10:00–10:30 (German time)" (Europe/Berlin wall clock). */
export function formatTimeRange(start: number, end: number, language: Language): string {
  return calendarTexts[language].timeRange(`${formatTime(start)}–${formatTime(end)}`);
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
  const T = calendarTexts[language];
  switch (appointment.channel) {
    case 'video':
      return appointment.meetingUrl ?? T.videoLocation;
    case 'phone': {
      const stored = audience === 'feed' ? undefined : appointment.citizen.phone;
      const number = stored ? displayPhone(stored) : undefined;
      return number ? T.phoneLocationCall(number) : T.phoneLocation;
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
  const { staff, service } = appointmentParts(appointment, directory);
  const T = calendarTexts[language];
  const stored = audience === 'feed' ? undefined : appointment.citizen.phone;
  const citizenPhone = stored ? displayPhone(stored) : undefined;
  // What to bring (the directory's `bring`), for the citizen only: on site "bring", else "have ready".
  const bring = audience === 'citizen' ? service.bring?.[language] : undefined;
  const ready = bring ? [T.bringReady(bring)] : [];
  switch (appointment.channel) {
    case 'video': {
      const link = appointment.meetingUrl;
      if (!link) return [T.videoLinkFollows, ...ready];
      return [audience === 'citizen' ? T.videoCitizen : T.videoStaff, link, ...ready];
    }
    case 'phone':
      // Who calls whom: the staff member calls the number the citizen gave; without one (an in-person
      // visit replanned to phone) the citizen calls the staff member's number.
      if (audience === 'citizen')
        return citizenPhone
          ? [T.phoneCitizen(staff.name, citizenPhone), T.phoneMissedCall(staff.phone), ...ready]
          : [T.phoneCitizenCalls(staff.name, staff.phone), ...ready];
      if (audience === 'staff')
        return [
          citizenPhone
            ? T.phoneStaff(appointment.citizen.name, citizenPhone)
            : T.phoneStaffCalled(appointment.citizen.name),
        ];
      return [T.phoneFeed];
    case 'in-person': {
      const where = T.inPerson(locationOf(appointment, directory, language, audience));
      if (audience !== 'citizen') return [where];
      return [where, bring ? T.inPersonBringList(bring, staff.name) : T.inPersonBring(staff.name)];
    }
  }
}

/**
 * "Terminnummer: T-4K7Q (bitte bei Rückfragen angeben)": the appointment reference the citizen reads
 * out when they call; in every mail, invitation and read-aloud text. None for appointments booked
 * before references existed.
 */
export function referenceLine(appointment: Pick<Appointment, 'ref'>, language: Language): string | undefined {
  return appointment.ref ? calendarTexts[language].reference(appointment.ref) : undefined;
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
  const when = formatWhen(appointment, language);
  const text = calendarTexts[language].readAloud(org.name, service.name[language], when, how, org.phone);
  return appointment.ref ? `${text} ${calendarTexts[language].referenceSpoken(appointment.ref)}` : text;
}

/** A staff member's cancel reason as the citizen reads it ("Grund: …"), in the citizen's language. */
const CITIZEN_CANCEL_REASON = {
  'citizen-request': 'reasonCitizenRequest',
  'staff-unavailable': 'reasonStaffUnavailable',
  'not-needed': 'reasonNotNeeded',
  other: undefined,
} as const satisfies Record<CancelCode, keyof (typeof calendarTexts)['de'] | undefined>;

/** The stored and mailed reason: the chosen reason in the citizen's words, plus the staff member's details. */
export function citizenCancelReason(code: CancelCode, details: string | undefined, language: Language): string {
  const key = CITIZEN_CANCEL_REASON[code];
  return [key && calendarTexts[language][key], details?.trim()].filter(Boolean).join(': ');
}
