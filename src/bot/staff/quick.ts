/**
 * Quick booking in one message: "Kfz Telefon morgen 10 Uhr", "book registration video
 * tomorrow". The sentence is parsed in the domain (domain/booking-sentence.ts); this module takes
 * what it gave and asks only for what is missing, in this order:
 *
 *   service missing or unclear → the service card (channel, day, time carried on its buttons)
 *   channel missing            → the channel card (only when the service offers several; day
 *                                and time carried)
 *   everything there           → the slots card for that day near that time, or the nearest days
 *                                with free slots, saying so (app/pooled-search.ts: findPooledSlots)
 *
 * What the sentence got wrong (31.02., 25 Uhr, a service nobody here offers, a channel the service
 * does not have, a colleague one may not book for) is said on the card, with what is possible
 * instead. Nothing is held or booked here: holding starts only when a slot button is pressed.
 */
import { findPooledSlots, type PartOfDay, type StaffChoice } from '../../app/pooled-search';
import { bookingPool, mayBookInto } from '../../domain/booking-rights';
import { serviceFor } from '../../domain/services';
import type { BookingSentence } from '../../domain/booking-sentence';
import type { Clock } from '../../domain/clock';
import { indexDirectory } from '../../domain/directory-index';
import type { Channel, Language, Service, Staff } from '../../domain/types';
import { channelCard } from '../cards/booking-cards';
import type { BotTurn } from '../command-router';
import { searchNoticeText, serviceCardFor, slotsCardOf } from './booking-slots';
import { named, sendCard, typing, type StaffServices } from './common';
import { staffTexts } from './texts';

type Deps = { clock: Clock; staff: StaffServices };

function listOr(lang: Language, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${staffTexts[lang].or}${items[items.length - 1]}`;
}

/** Notices for what the sentence said that cannot be used. */
function problemNotices(lang: Language, s: BookingSentence): string[] {
  const T = staffTexts[lang];
  return s.problems.map((p) => (p.kind === 'impossible-date' ? T.noSuchDate(p.text) : T.notATime(T.quoted(p.text))));
}

export async function startQuickBooking(turn: BotTurn, deps: Deps, s: BookingSentence): Promise<void> {
  const { lang, directory } = turn;
  const T = staffTexts[lang];
  const index = indexDirectory(directory);
  const actor = turn.staff;
  const notices = problemNotices(lang, s);
  const serviceName = (sv: Service) => sv.name[lang];

  // Whose calendars: everyone the clerk may book (pooled, the default), "bei mir", or a named colleague.
  let target: Staff | undefined = s.staff?.kind === 'self' ? actor : undefined;
  if (s.staff?.kind === 'colleague') {
    const colleague = index.staffById(s.staff.staffId)!;
    if (mayBookInto(directory, actor, colleague, s.services)) target = colleague;
    else notices.push(T.notYourCalendar(colleague.name));
  }
  const mayBook = (id: string) =>
    target
      ? target.services.includes(id) && mayBookInto(directory, actor, target, [id])
      : bookingPool(directory, actor, [id]).length > 0;

  const day = s.day && !s.problems.some((p) => p.kind === 'impossible-date') ? s.day : undefined;
  // The search knows mornings and afternoons; "mittags" is about noon, "abends" the late afternoon.
  const time = s.time ?? (s.partOfDay === 'midday' ? '12:00' : undefined);
  const partOfDay: PartOfDay | undefined =
    s.time || !s.partOfDay || s.partOfDay === 'midday'
      ? undefined
      : s.partOfDay === 'morning'
        ? 'morning'
        : 'afternoon';

  // 1. The service(s).
  const offered = s.services.filter(mayBook);
  const notOffered = s.services.filter((id) => !mayBook(id));
  if (notOffered.length) {
    const names = listOr(
      lang,
      notOffered.map((id) => serviceName(index.serviceById(id)!)),
    );
    notices.push(
      !target
        ? T.nobodyOffers(names)
        : target.id === actor.id
          ? T.youDoNotOffer(names)
          : T.staffDoesNotOffer(target.name, names),
    );
  }
  if (offered.length === 0) {
    const candidates = s.serviceCandidates.filter(mayBook);
    if (candidates.length > 1)
      notices.push(
        T.whichService(
          listOr(
            lang,
            candidates.map((id) => serviceName(index.serviceById(id)!)),
          ),
        ),
      );
    else if (s.unknownWords.length && !notOffered.length)
      notices.push(T.notAService(T.quoted(s.unknownWords.join(' '))));
    const carry = {
      ...(s.channel ? { channel: s.channel } : {}),
      ...(time ? { time } : {}),
      ...(partOfDay ? { part: partOfDay } : {}),
    };
    await sendCard(
      turn,
      serviceCardFor(turn, target?.id, day, notices.length ? notices.join(' ') : undefined, {
        carry,
        ...(candidates.length > 1 ? { only: candidates } : {}),
      }),
    );
    return;
  }
  const service = serviceFor(directory, offered);
  const serviceIds = offered.length > 1 ? offered : undefined;

  // 2. The channel: named, or the only one; a channel the service lacks is said (and then asked or replaced).
  let channel: Channel | undefined = s.channel;
  if (!channel && service.channels.length === 1) channel = service.channels[0]!;
  if (channel && !service.channels.includes(channel) && service.channels.length > 1) {
    notices.push(
      searchNoticeText(
        { code: 'channel-not-offered', requested: channel, channels: service.channels },
        lang,
        serviceName(service),
      ),
    );
    channel = undefined;
  }
  if (!channel) {
    await sendCard(
      turn,
      channelCard({
        lang,
        ...(target ? { forStaff: named(target) } : {}),
        self: target?.id === actor.id,
        service: { id: offered[0]!, name: serviceName(service) },
        ...(serviceIds ? { serviceIds } : {}),
        channels: service.channels,
        ...(day ? { day } : {}),
        carry: { ...(time ? { time } : {}), ...(partOfDay ? { part: partOfDay } : {}) },
      }),
      notices.length ? notices.join(' ') : undefined,
    );
    return;
  }

  // 3. The slots: that day near that time (or in that part of the day), else the nearest ones, said so.
  await typing(turn);
  const choice: StaffChoice = !target ? 'pool' : target.id === actor.id ? 'me' : { staffId: target.id };
  const result = await findPooledSlots(
    { directory, clock: deps.clock, store: deps.staff.appointments, absences: deps.staff.absences },
    {
      bookedBy: actor.id,
      serviceIds: offered,
      channel,
      staffChoice: choice,
      ...(day ? { day } : {}),
      ...(time ? { time } : {}),
      ...(partOfDay ? { partOfDay } : {}),
    },
  );
  const flow = {
    ...(target ? { forStaffId: target.id } : {}),
    serviceId: offered[0]!,
    ...(serviceIds ? { serviceIds } : {}),
    channel: result.channel,
  };
  await sendCard(
    turn,
    slotsCardOf(turn, deps, flow, result, {
      wished: !!(time || partOfDay),
      ...(result.day ? { day: result.day } : {}),
      ...(notices.length ? { notice: notices.join(' ') } : {}),
    }),
  );
}
