/**
 * "Meine Termine" (journey 2): the agenda of today / tomorrow / a week / a date, and the
 * per-appointment actions: reschedule (the booking flow from the slot step), cancel (with reason;
 * the citizen gets a CANCEL through the outbox), completed / no-show, video link and phone number
 * (in the agenda item's details). Appointment buttons carry the SEQUENCE the card showed: a stale
 * card is refused (`stale-appointment`) and writes nothing.
 */
import { citizenReach } from '../../domain/booking-rules';
import type { Caller } from '../cards/reach-note';
import { displayPhone } from '../../domain/phone';
import { assertMayActFor } from '../../app/book';
import { cancelAppointment } from '../../app/cancel';
import { markOutcome } from '../../app/mark-outcome';
import { myAppointments } from '../../app/my-appointments';
import { rescheduleAppointment } from '../../app/reschedule';
import { mayBookInto } from '../../domain/booking-rights';
import type { Clock } from '../../domain/clock';
import { serviceIdsOf } from '../../domain/services';
import { DomainError, isDomainError } from '../../domain/errors';
import { localDateOf } from '../../domain/time';
import { citizenCancelReason } from '../../invitations/appointment-text';
import type { AgendaRange, Appointment, LocalDate } from '../../domain/types';
import { agendaCard, cancelAskCard } from '../cards/agenda-cards';
import { errorText } from '../cards/errors';
import { formatDateTime, formatTime } from '../../i18n/dates';
import type { BotRouter, Command } from '../commands';
import type { BotTurn } from '../command-router';
import { confirmationCardFor } from './booking-confirmation';
import { bookingDepsOf } from './booking-flow';
import { slotsCardFor } from './booking-slots';
import { cardHandler, sendCard, staffOf, typing, type CardLike, type StaffServices } from './common';
import { agendaItem } from './appointment-view';
import { rangeLabel } from './range-label';
import { detailsCardFor } from './search';
import { teamAgendaCardFor } from './team-agenda';
import { openCallsOf, registerCallHandlers } from './calls';
import { staffTexts } from './texts';

type Deps = { clock: Clock; staff: StaffServices };

export async function agendaCardFor(
  turn: BotTurn,
  deps: Deps,
  range: AgendaRange,
  forStaffId?: string,
  notice?: string,
): Promise<CardLike> {
  const staffId = forStaffId ?? turn.staff.id;
  const target = assertMayActFor(turn.directory, turn.staff.id, staffId);
  // The agenda and the call list are read at once (one round trip, not two after each other).
  const [result, calls] = await Promise.all([
    myAppointments(
      { directory: turn.directory, clock: deps.clock, appointments: deps.staff.appointments },
      { actorId: turn.staff.id, staffId, range },
    ),
    deps.staff.calls
      ? openCallsOf(
          { calls: deps.staff.calls, appointments: deps.staff.appointments },
          turn.directory,
          staffId,
          turn.lang,
        )
      : undefined,
  ]);
  const now = deps.clock.now();
  return agendaCard({
    lang: turn.lang,
    rangeLabel: rangeLabel(range, result.from, result.to, turn.lang, now),
    range,
    staffName: target.name,
    self: target.id === turn.staff.id,
    ...(target.id !== turn.staff.id ? { forStaffId: target.id } : {}),
    days: result.days.map((d) => ({
      date: d.date,
      items: d.appointments.map((a) => agendaItem(turn.directory, a, turn.lang)),
    })),
    now,
    today: localDateOf(now),
    ...(notice ? { notice } : {}),
    ...(calls && calls.total > 0 ? { calls } : {}),
  });
}

const dayOf = (a: Appointment): AgendaRange => ({ kind: 'date', date: localDateOf(a.start) });

/**
 * After acting on an appointment: the agenda the card showed (else the appointment's day), whosever it
 * is, with the notice. The action's right is the appointment's (its services); a colleague's whole
 * agenda needs the right to book them for anything. Without that (bookable only for this service),
 * the appointment's own card says what happened — never "not allowed" after the action went through.
 */
const agendaAfter = (
  turn: BotTurn,
  deps: Deps,
  range: AgendaRange | undefined,
  appt: Appointment,
  notice: string,
): Promise<CardLike> => {
  const colleague = appt.staffId === turn.staff.id ? undefined : staffOf(turn.directory, appt.staffId);
  if (colleague && !mayBookInto(turn.directory, turn.staff, colleague))
    return detailsCardFor(turn, deps, appt.id, { notice });
  return agendaCardFor(
    turn,
    deps,
    range ?? dayOf(appt),
    appt.staffId === turn.staff.id ? undefined : appt.staffId,
    notice,
  );
};

/** A colleague's appointment: the notice adds that they are told (app/cancel.ts, mark-outcome.ts queue it). */
function withColleagueTold(turn: BotTurn, appt: Appointment, notice: string): string {
  const colleague = appt.staffId === turn.staff.id ? undefined : staffOf(turn.directory, appt.staffId);
  return colleague ? `${notice} ${staffTexts[turn.lang].colleagueTold(colleague.name)}` : notice;
}

/** The appointment a button acts on, if the actor may act on it and the card is not stale. */
async function current(turn: BotTurn, deps: Deps, id: string, sequence: number): Promise<Appointment> {
  const a = await deps.staff.appointments.get(id);
  if (!a) throw new DomainError('appointment-not-found', id);
  assertMayActFor(turn.directory, turn.staff.id, a.staffId, serviceIdsOf(a));
  if (a.status !== 'booked') throw new DomainError('appointment-not-active', a.status);
  if (a.sequence !== sequence) throw new DomainError('stale-appointment', id);
  return a;
}

/** Whose call list a call about this appointment goes on: the serving staff member's (store/outbox reachMessages). */
export function callerFor(turn: BotTurn, staffId: string): Caller {
  return staffId === turn.staff.id ? 'you' : { name: staffOf(turn.directory, staffId)?.name ?? staffId };
}

function rescheduleCard(
  turn: BotTurn,
  deps: Deps,
  a: Appointment,
  opts: { range?: AgendaRange; day?: LocalDate; after?: number; notice?: string; who?: 'same' | 'pool' },
): Promise<CardLike> {
  const { range, who, ...rest } = opts;
  const ids = serviceIdsOf(a);
  // "same": the same person; "pool": the earliest with anyone the clerk may book who offers it.
  return slotsCardFor(
    turn,
    deps,
    {
      ...(who === 'pool' ? {} : { forStaffId: a.staffId }),
      serviceId: ids[0]!,
      ...(ids.length > 1 ? { serviceIds: ids } : {}),
      channel: a.channel,
    },
    {
      ...rest,
      rescheduling: {
        appointment: a,
        who: who ?? 'same',
        ...(range ? { range } : {}),
        // A call goes to whoever serves it after the move: the same person, or the one whose slot is chosen.
        caller: who === 'pool' ? 'serving' : callerFor(turn, a.staffId),
      },
    },
  );
}

export async function showAgenda(
  turn: BotTurn,
  command: Extract<Command, { kind: 'my-appointments' }>,
  deps: Deps,
): Promise<void> {
  await sendCard(turn, await agendaCardFor(turn, deps, command.range));
}

export function registerAgendaHandlers(router: BotRouter, deps: Deps): void {
  if (deps.staff.calls)
    registerCallHandlers(router, {
      clock: deps.clock,
      calls: deps.staff.calls,
      appointments: deps.staff.appointments,
      agenda: (turn, range, forStaffId, notice) => agendaCardFor(turn, deps, range, forStaffId, notice),
    });
  router.action(
    'agenda.show',
    cardHandler(['agenda.show'], (turn, a) => agendaCardFor(turn, deps, a.range, a.forStaffId)),
  );

  router.action(
    'appt.reschedule',
    cardHandler(['appt.reschedule'], async (turn, a) => {
      const appt = await current(turn, deps, a.appointmentId, a.sequence);
      await typing(turn);
      return rescheduleCard(turn, deps, appt, {
        ...(a.range ? { range: a.range } : {}),
        ...(a.day ? { day: a.day } : {}),
        ...(a.after !== undefined ? { after: a.after } : {}),
        ...(a.who ? { who: a.who } : {}),
      });
    }),
  );

  router.action(
    'appt.move',
    cardHandler(['appt.move'], async (turn, a) => {
      await typing(turn);
      try {
        const moved = await rescheduleAppointment(bookingDepsOf(turn, deps), {
          actorId: turn.staff.id,
          appointmentId: a.appointmentId,
          expectedSequence: a.sequence,
          start: a.start,
          ...(a.staffId ? { staffId: a.staffId } : {}),
        });
        turn.log.info({ appointmentId: moved.id, sequence: moved.sequence }, 'appointment rescheduled');
        return confirmationCardFor(turn, deps, moved, { rescheduled: true });
      } catch (e) {
        if (
          !isDomainError(e) ||
          ![
            'slot-taken',
            'slot-in-past',
            'too-short-notice',
            'outside-working-hours',
            'staff-absent',
            'not-on-site',
          ].includes(e.code)
        )
          throw e;
        const appt = await current(turn, deps, a.appointmentId, a.sequence);
        const notice = e.code === 'slot-taken' ? staffTexts[turn.lang].taken : errorText(e.code, turn.lang);
        return rescheduleCard(turn, deps, appt, {
          ...(a.range ? { range: a.range } : {}),
          ...(a.who ? { who: a.who } : {}),
          notice,
        });
      }
    }),
  );

  router.action(
    'appt.cancelAsk',
    cardHandler(['appt.cancelAsk'], async (turn, a) => {
      const appt = await current(turn, deps, a.appointmentId, a.sequence);
      return cancelAskCard({
        lang: turn.lang,
        item: agendaItem(turn.directory, appt, turn.lang),
        reach: citizenReach(appt.citizen),
        caller: callerFor(turn, appt.staffId),
        ...(a.range ? { range: a.range } : {}),
        ...(a.view ? { view: a.view, ...(a.q ? { q: a.q } : {}) } : {}),
      });
    }),
  );

  router.action(
    'appt.cancel',
    cardHandler(['appt.cancel'], async (turn, a) => {
      const appt = await current(turn, deps, a.appointmentId, a.sequence);
      // Stored and mailed in the citizen's language: the chosen reason, plus the staff member's words.
      const reason = citizenCancelReason(a.reason, a.reasonText, appt.citizen.language);
      const cancelled = await cancelAppointment(
        { directory: turn.directory, clock: deps.clock, store: deps.staff.appointments },
        {
          actorId: turn.staff.id,
          appointmentId: a.appointmentId,
          expectedSequence: a.sequence,
          reason,
          code: a.reason,
        },
      );
      turn.log.info({ appointmentId: cancelled.id, reason: a.reason }, 'appointment cancelled');
      const when = formatDateTime(cancelled.start, turn.lang);
      const T = staffTexts[turn.lang];
      const notice = withColleagueTold(
        turn,
        cancelled,
        cancelled.citizen.email
          ? T.cancelledMailed(when, cancelled.citizen.name, cancelled.citizen.email)
          : citizenReach(cancelled.citizen).sms && cancelled.citizen.phone
            ? T.cancelledSms(when, cancelled.citizen.name, displayPhone(cancelled.citizen.phone))
            : T.cancelledTellThem(
                when,
                cancelled.citizen.name,
                cancelled.citizen.phone && displayPhone(cancelled.citizen.phone),
              ),
      );
      if (a.view === 'details') return detailsCardFor(turn, deps, cancelled.id, { q: a.q, notice });
      if (a.view === 'team') return teamAgendaCardFor(turn, deps, a.range ?? dayOf(cancelled), { notice });
      return agendaAfter(turn, deps, a.range, cancelled, notice);
    }),
  );

  router.action(
    'appt.outcome',
    cardHandler(['appt.outcome'], async (turn, a) => {
      const appt = await markOutcome(
        { directory: turn.directory, clock: deps.clock, store: deps.staff.appointments },
        { actorId: turn.staff.id, appointmentId: a.appointmentId, expectedSequence: a.sequence, outcome: a.outcome },
      );
      turn.log.info({ appointmentId: appt.id, outcome: a.outcome }, 'appointment outcome recorded');
      const T = staffTexts[turn.lang];
      const notice = withColleagueTold(
        turn,
        appt,
        a.outcome === 'completed' ? T.markedDone(formatTime(appt.start)) : T.markedNoShow(formatTime(appt.start)),
      );
      if (a.view === 'details') return detailsCardFor(turn, deps, appt.id, { q: a.q, notice });
      if (a.view === 'team') return teamAgendaCardFor(turn, deps, a.range ?? dayOf(appt), { notice });
      return agendaAfter(turn, deps, a.range, appt, notice);
    }),
  );
}
