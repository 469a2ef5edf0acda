/**
 * An appointment as the staff cards show it (agenda item, search hit): names resolved from the
 * directory, citizen data only while retention has not removed it.
 */
import { indexDirectory } from '../../domain/directory-index';
import { displayPhone } from '../../domain/phone';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import type { Appointment, Directory, Language } from '../../domain/types';
import type { AgendaItem } from '../cards/agenda-cards';
import type { SearchHit } from '../cards/search-cards';
import { locationOf } from './booking-confirmation';

export function agendaItem(directory: Directory, a: Appointment, lang: Language): AgendaItem {
  const index = indexDirectory(directory);
  const ids = serviceIdsOf(a);
  const service = ids.every((id) => index.serviceById(id)) ? serviceFor(directory, ids) : undefined;
  const staff = index.staffById(a.staffId);
  return {
    id: a.id,
    sequence: a.sequence,
    ...(a.ref ? { reference: a.ref } : {}),
    start: a.start,
    end: a.end,
    channel: a.channel,
    status: a.status,
    serviceName: service?.name[lang] ?? a.serviceId,
    citizenName: a.anonymised ? '–' : a.citizen.name,
    ...(a.anonymised || !a.citizen.email ? {} : { citizenEmail: a.citizen.email }),
    ...(a.createdBy !== a.staffId && index.staffById(a.createdBy)
      ? { bookedBy: index.staffById(a.createdBy)!.name }
      : {}),
    ...(a.citizen.phone ? { citizenPhone: displayPhone(a.citizen.phone) } : {}),
    ...(a.meetingUrl ? { meetingUrl: a.meetingUrl } : {}),
    ...(a.note ? { note: a.note } : {}),
    ...(a.channel === 'in-person' && staff ? { location: locationOf(directory, staff) } : {}),
    // Only an answer to the current version counts (a moved appointment asks again).
    ...(a.reply && a.reply.sequence === a.sequence ? { reply: a.reply.status } : {}),
    ...(a.reply?.followUp && a.reply.sequence === a.sequence ? { replyFollowUp: a.reply.followUp } : {}),
  };
}

/** An appointment as a search hit: the agenda's item plus who serves it (`self`: the reader). */
export function hitOf(directory: Directory, readerId: string, a: Appointment, lang: Language): SearchHit {
  const staff = indexDirectory(directory).staffById(a.staffId);
  return { ...agendaItem(directory, a, lang), staffName: staff?.name ?? a.staffId, self: a.staffId === readerId };
}
