import { findPooledSlots, type PooledSearchDeps, type PooledSearchResult } from '../../src/app/pooled-search';
import type { Channel } from '../../src/domain/types';

export interface StaffSlotQuery {
  actorId: string;
  staffId: string;
  serviceId: string;
  channel: Channel;
  day?: string;
  count?: number;
  ignoreAppointmentId?: string;
}

/** The free slots of one staff member, searched as the booking card searches them. */
export function staffSlots(deps: PooledSearchDeps, q: StaffSlotQuery): Promise<PooledSearchResult> {
  return findPooledSlots(deps, {
    bookedBy: q.actorId,
    serviceIds: [q.serviceId],
    channel: q.channel,
    staffChoice: { staffId: q.staffId },
    ...(q.day !== undefined ? { day: q.day } : {}),
    ...(q.count !== undefined ? { count: q.count } : {}),
    ...(q.ignoreAppointmentId !== undefined ? { ignoreAppointmentId: q.ignoreAppointmentId } : {}),
  });
}
