/** Teams texts for staff members (notices, reminders) and supervisors (alerts), German or English. */
import { appointmentParts, channelLabel, channelLines, formatWhen } from '../calendar/appointment-text';
import type { Appointment, Directory, OutboxMessage } from '../domain/types';
import type { TeamsMessage } from '../app/ports';

type StaffNotice = Extract<OutboxMessage, { kind: 'staff-notice' }>;

export function renderStaffNotice(notice: StaffNotice, a: Appointment, directory: Directory, now: number): TeamsMessage {
  const { staff, service } = appointmentParts(a, directory);
  const language = staff.language;
  const de = language === 'de';
  const what = `${service.name[language]} (${channelLabel(a.channel, language)})`;
  const when = formatWhen(a, language);
  const how = channelLines(a, directory, language, 'staff').join('\n');
  switch (notice.event) {
    case 'citizen-cancelled':
      return {
        text: de
          ? `${a.citizen.name} hat den Termin abgesagt: ${what}, ${when}. Die Zeit ist wieder frei.`
          : `${a.citizen.name} cancelled the appointment: ${what}, ${when}. The time is free again.`,
      };
    case 'replanned':
      return { text: de ? `Termin umgeplant: ${what} mit ${a.citizen.name}, ${when}.\n${how}` : `Appointment replanned: ${what} with ${a.citizen.name}, ${when}.\n${how}` };
    case 'booked-for-you':
      return { text: de ? `Für Sie gebucht: ${what} mit ${a.citizen.name}, ${when}.\n${how}` : `Booked for you: ${what} with ${a.citizen.name}, ${when}.\n${how}` };
    case 'reminder': {
      const minutes = Math.max(0, Math.round((a.start - now) / 60_000));
      return {
        text: de
          ? `In ${minutes} Minuten: ${what} mit ${a.citizen.name}.\n${how}`
          : `In ${minutes} minutes: ${what} with ${a.citizen.name}.\n${how}`,
      };
    }
  }
}
