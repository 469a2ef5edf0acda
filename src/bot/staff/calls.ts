/**
 * The call list in Teams: the "Bitte anrufen" card's view (also what the outbox sends), its buttons
 * "Erreicht" / "Nicht erreicht – später nochmal" (store/lua/mark-call-1.lua: idempotent, an old card
 * cannot mark a newer call), and the open calls the agenda shows on top until they are marked.
 */
import { assertMayActFor } from '../../app/book';
import type { AppointmentReader, CallList } from '../../app/ports';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import { displayPhone } from '../../domain/phone';
import { serviceFor, serviceIdsOf } from '../../domain/services';
import type { Appointment, Directory, Language, OpenCall } from '../../domain/types';
import { callCard, callDoneCard, type CallView } from '../cards/call-cards';
import { callTexts } from '../cards/call-texts';
import type { ActionOf } from '../cards/actions';
import type { BotRouter } from '../commands';
import type { BotTurn } from '../command-router';
import { cardHandler, type CardLike } from './common';

/** At most this many open calls are listed on top of the agenda (the card stays small; the rest are counted). */
export const MAX_AGENDA_CALLS = 8;

/** The call card's view of an open call and its appointment (names from the directory). */
export function callView(a: Appointment, call: OpenCall, directory: Directory, lang: Language): CallView {
  const index = indexDirectory(directory);
  const ids = serviceIdsOf(a);
  const service = ids.every((id) => index.serviceById(id)) ? serviceFor(directory, ids) : undefined;
  return {
    lang,
    appointmentId: a.id,
    sequence: call.sequence,
    tries: call.tries,
    ...(call.lastTryAt !== undefined ? { lastTryAt: call.lastTryAt } : {}),
    event: call.event,
    cause: call.cause,
    citizenName: a.anonymised ? '–' : a.citizen.name,
    citizenPhone: a.citizen.phone && !a.anonymised ? displayPhone(a.citizen.phone) : '–',
    start: a.start,
    channel: a.channel,
    serviceName: service?.name[lang] ?? a.serviceId,
    ...(call.previous && call.previous.start !== a.start ? { previousStart: call.previous.start } : {}),
    ...(call.previous && call.previous.channel !== a.channel ? { previousChannel: call.previous.channel } : {}),
    ...(call.event === 'cancelled' && a.cancelReason ? { cancelReason: a.cancelReason } : {}),
    ...(a.ref ? { reference: a.ref } : {}),
  };
}

/** A staff member's open calls as the agenda lists them (the oldest first), and how many there are. */
export async function openCallsOf(
  deps: { calls: CallList; appointments: AppointmentReader },
  directory: Directory,
  staffId: string,
  lang: Language,
): Promise<{ items: CallView[]; total: number }> {
  const { calls, total } = await deps.calls.listForStaff(staffId);
  const shown = calls.slice(0, MAX_AGENDA_CALLS);
  const appointments = await Promise.all(shown.map((c) => deps.appointments.get(c.appointmentId)));
  const items: CallView[] = [];
  shown.forEach((c, i) => {
    const a = appointments[i];
    if (a) items.push(callView(a, c, directory, lang));
  });
  return { items, total };
}

export interface CallHandlerDeps {
  clock: Clock;
  calls: CallList;
  appointments: AppointmentReader;
  /** The agenda to answer with when the button was pressed there (staff/agenda.ts agendaCardFor). */
  agenda: (
    turn: BotTurn,
    range: NonNullable<ActionOf<'call.mark'>['range']>,
    forStaffId: string | undefined,
    notice: string,
  ) => Promise<CardLike>;
}

export function registerCallHandlers(router: BotRouter, deps: CallHandlerDeps): void {
  router.action(
    'call.mark',
    cardHandler(['call.mark'], async (turn, act) => {
      const [open, a] = await Promise.all([
        deps.calls.get(act.appointmentId),
        deps.appointments.get(act.appointmentId),
      ]);
      // Whose call it is: they, or whoever may act for them (a supervisor, a colleague of the team).
      const owner = open?.staffId ?? a?.staffId;
      if (owner) assertMayActFor(turn.directory, turn.staff.id, owner);
      const T = callTexts[turn.lang];
      if (!a) return callDoneCard(turn.lang, undefined, 'gone');
      const result = await deps.calls.mark({
        appointmentId: act.appointmentId,
        sequence: act.sequence,
        outcome: act.outcome,
        tries: act.tries,
        actorId: turn.staff.id,
      });
      turn.log.info({ appointmentId: a.id, outcome: act.outcome, result: result.outcome }, 'call marked');
      const notice =
        result.outcome === 'reached'
          ? T.doneReached
          : result.outcome === 'done'
            ? T.alreadyDone
            : result.outcome === 'retried'
              ? T.retried
              : T.newer;
      if (act.range) return deps.agenda(turn, act.range, act.forStaffId, notice);
      switch (result.outcome) {
        case 'reached':
          return callDoneCard(turn.lang, open ? callView(a, open, turn.directory, turn.lang) : undefined, 'reached');
        case 'done':
          return callDoneCard(turn.lang, undefined, 'done');
        case 'retried':
        case 'stale':
          return callCard(callView(a, result.call, turn.directory, turn.lang), notice);
      }
    }),
  );
}
