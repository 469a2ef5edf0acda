/**
 * Delivery of the outbox per message kind: mails to citizens and staff copies through the Mailer,
 * Teams messages through the ProactiveSender. The queue mechanics (consumer group, leases, retries
 * with backoff, dead letters, delivered markers) are src/store/outbox/consumer.ts; `OutboxWorker`
 * is that consumer with this delivery.
 *
 * Stale messages: the mail always shows the appointment's current state. An invitation, reminder or
 * cancellation whose sequence is lower than the appointment's current one is skipped: every change
 * that raised the sequence wrote its own message in the same atomic step, so the citizen gets that
 * one instead of an outdated one first. Invitations and reminders for cancelled or past appointments
 * are skipped too.
 */
import { indexDirectory } from '../domain/directory-index';
import { isSupervisor } from '../domain/supervision';
import type { AppointmentReader, MeetingProvider, ProactiveResult, ProactiveSender, TeamsMessage } from '../app/ports';
import { safeError } from '../domain/safe-error';
import type { CitizenLinks } from '../app/citizen-links';
import type { Clock } from '../domain/clock';
import type {
  Appointment,
  DeadLetterFacts,
  Directory,
  Language,
  OpenCall,
  OutboxMessage,
  PreviousPlacement,
} from '../domain/types';
import type { Logger } from '../logger';
import {
  OutboxConsumer,
  SkipDelivery,
  type DeliverOnce,
  type OutboxConsumerOptions,
  type OutboxDelivery,
  type OutboxEntry,
} from '../store/outbox';
import type { RedisClient } from '../store/redis-client';
import {
  composeCitizenMail,
  composeHandoverCancel,
  composeStaffCopy,
  offersReschedule,
  type ComposeContext,
} from './mail/compose';
import { composeDeclineCounter } from './mail/counter-mail';
import { deadLetterAlertText, renderCallText, renderStaffNotice, renderSupervisorAlert } from './staff-notices';
import { mailTexts } from './texts';
import { MailRefusedError, type Mailer } from './mail/mailer';
import { SmsDelivery } from '../sms/delivery';
import { SmsRefused, SmsUnavailable } from '../sms/provider';

export interface OutboxWorkerDeps {
  redis: RedisClient;
  appointments: AppointmentReader;
  directory: Directory;
  mailer: Mailer;
  proactive: ProactiveSender;
  links: CitizenLinks;
  clock: Clock;
  logger: Logger;
  /**
   * Cards for notices that carry buttons (built by the bot, src/bot/cards): the "citizen declined"
   * notice. Without it the notice is sent as text only.
   */
  cards?: {
    declined(
      a: Appointment,
      directory: Directory,
      language: Language,
      from: 'citizen' | 'other-address',
    ): Record<string, unknown>;
    /** A proposed new time (COUNTER) with "Vorschlag annehmen" / "Ablehnen". */
    proposal?(a: Appointment, directory: Directory, language: Language): Record<string, unknown>;
    /** "Bitte anrufen" with "Erreicht" / "Nicht erreicht – später nochmal" (the call list). */
    call?(a: Appointment, call: OpenCall, directory: Directory, language: Language): Record<string, unknown>;
  };
  /**
   * The call list (store/calls.ts): a call card is sent only while its call is open for the change it
   * is about (a newer change's card, or "Erreicht" meanwhile, makes it old news).
   */
  calls?: { get(appointmentId: string): Promise<OpenCall | null> };
  /**
   * Video link fallback (staff booking, src/app/book.ts): the booking creates the link before it
   * confirms, but books without one when the provider is slow or down. Then the worker creates it
   * here before sending the invitation, so the citizen's first mail carries it; a provider failure
   * throws and the entry's normal backoff retries it.
   */
  meetingLinks?: {
    meetings: MeetingProvider;
    store: { updateMeetingUrl(appointmentId: string, url: string): Promise<Appointment> };
  };
  /**
   * Supervisor alerts that reached none of the addressed supervisors in Teams (they never opened the
   * bot, or Teams refused): also sent to the other supervisors and by mail to the organisation's
   * mailbox, and kept here as open problems (the summary lists them until a supervisor marks them done).
   */
  openAlerts?: { add(alert: { id: string; text: Readonly<Record<Language, string>>; at: number }): Promise<void> };
  /**
   * Colleagues the bot cannot reach in Teams (no conversation reference). `openChat` (Graph,
   * TEAMS_APP_CATALOG_ID; src/teams/app-installation.ts) installs the app for them and stores the
   * new personal conversation, then the notice goes there. Without it, or when that fails, a staff
   * notice is mailed to their UPN and kept in `waitingNotices` for their next turn (the supervisors'
   * summary counts what waits) — never only a log line.
   */
  openChat?: (staffId: string) => Promise<boolean>;
  waitingNotices?: { add(staffId: string, id: string, notice: { message: TeamsMessage; at: number }): Promise<void> };
  /** SMS to citizens (src/sms); without it `citizen-sms` entries are acknowledged unsent. */
  sms?: SmsDelivery;
}

export interface OutboxWorkerOptions extends OutboxConsumerOptions {
  /** MAIL_FROM. */
  mailFrom?: string;
  /** RESCHEDULE_MAX_MOVES: citizen mails carry the reschedule link while the citizen may still move; undefined = always. */
  rescheduleMaxMoves?: number;
}

/** The outbox consumer delivering mails and Teams messages. */
export class OutboxWorker extends OutboxConsumer {
  constructor(deps: OutboxWorkerDeps, options: OutboxWorkerOptions) {
    const { mailFrom, rescheduleMaxMoves, ...queue } = options;
    super(deps, new MailAndTeamsDelivery(deps, mailFrom, rescheduleMaxMoves), queue);
  }
}

/** The SMTP reply code of a permanent refusal (5xx), or undefined for anything that may pass later. */
export function permanentSmtpRefusal(e: unknown): number | undefined {
  const code = (e as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 ? code : undefined;
}

/** Delivers each message kind; reads `deps.directory` on every delivery (a reload reaches it). */
export class MailAndTeamsDelivery implements OutboxDelivery {
  constructor(
    private readonly deps: OutboxWorkerDeps,
    private readonly mailFrom?: string,
    private readonly rescheduleMaxMoves?: number,
  ) {}

  /** A permanent SMTP refusal (5xx: unknown mailbox, policy) or Graph refusal will not change by retrying. */
  permanentFailure(error: unknown): string | undefined {
    if (error instanceof MailRefusedError) return error.message;
    if (error instanceof SmsRefused) return `permanent SMS refusal (${error.reason})`;
    const code = permanentSmtpRefusal(error);
    return code === undefined ? undefined : `permanent SMTP refusal (${code})`;
  }

  /** An SMS provider's Retry-After (throttled, 503). */
  retryAfterMs(error: unknown): number | undefined {
    return error instanceof SmsUnavailable ? error.retryAfterMs : undefined;
  }

  /** Facts, rendered per supervisor's language at delivery; `text` (German) for instances not yet updated. */
  deadLetterAlert(facts: DeadLetterFacts): OutboxMessage {
    return { kind: 'supervisor-alert', text: deadLetterAlertText(facts, 'de'), deadLetter: facts };
  }

  private async current(appointmentId: string, sequence: number | null): Promise<Appointment> {
    const a = await this.latest(appointmentId);
    if (sequence !== null && a.sequence > sequence) throw new SkipDelivery('superseded by a newer change');
    return a;
  }

  private async latest(appointmentId: string): Promise<Appointment> {
    const a = await this.deps.appointments.get(appointmentId);
    if (!a) throw new SkipDelivery('appointment gone');
    if (a.anonymised) throw new SkipDelivery('anonymised');
    return a;
  }

  /**
   * Handed over to a colleague: the old meeting leaves the previous staff member's calendar. Also when
   * a newer change overtook this entry: that change writes only to the citizen and the current staff
   * member, so nobody else would ever take the meeting out of the previous one's calendar.
   */
  private async cancelForPreviousStaff(
    key: string,
    a: Appointment,
    previous: PreviousPlacement | undefined,
    once: DeliverOnce,
  ): Promise<void> {
    if (!previous || previous.staffId === a.staffId) return;
    if (!indexDirectory(this.deps.directory).staffById(previous.staffId)) return;
    const ctx = this.composeContext();
    await once(`${key}:previous-staff`, () =>
      this.deps.mailer.send(composeHandoverCancel(a, previous, ctx, `${key}:previous-staff`)),
    );
  }

  /** A video appointment booked while the meeting provider failed gets its link now (see deps.meetingLinks). */
  private async withMeetingLink(a: Appointment): Promise<Appointment> {
    const links = this.deps.meetingLinks;
    if (!links || a.channel !== 'video' || a.meetingUrl) return a;
    const service = indexDirectory(this.deps.directory).serviceById(a.serviceId);
    const { joinUrl } = await links.meetings.createMeeting({
      appointmentId: a.id,
      subject: service?.name.de ?? 'Sprechstunde',
      start: a.start,
      end: a.end,
    });
    return links.store.updateMeetingUrl(a.id, joinUrl);
  }

  private composeContext(): ComposeContext {
    return {
      directory: this.deps.directory,
      links: this.deps.links,
      now: this.deps.clock.now(),
      from: this.mailFrom,
      ...(this.rescheduleMaxMoves === undefined ? {} : { rescheduleMaxMoves: this.rescheduleMaxMoves }),
    };
  }

  /** Sends to the staff member's personal chat; without one, opens it first when the app can be installed. */
  private async sendReaching(staffId: string, message: TeamsMessage): Promise<ProactiveResult> {
    const result = await this.deps.proactive.sendToStaff(staffId, message);
    if (result !== 'no-reference' || !this.deps.openChat) return result;
    try {
      if (!(await this.deps.openChat(staffId))) return result;
    } catch (e) {
      this.deps.logger.warn(
        { staffId, err: safeError(e) },
        'outbox: could not open a Teams chat with the staff member',
      );
      return result;
    }
    return this.deps.proactive.sendToStaff(staffId, message);
  }

  /**
   * A personal notice to a staff member: in Teams; when the bot cannot reach them there, mailed to
   * their UPN now and kept for their next turn (counted on the summary) — never only a log line.
   */
  private async reachStaff(key: string, staffId: string, message: TeamsMessage, once: DeliverOnce): Promise<void> {
    const { directory, mailer } = this.deps;
    const result = await this.sendReaching(staffId, message);
    if (result === 'sent') return;
    const staff = indexDirectory(directory).staffById(staffId);
    const waiting = this.deps.waitingNotices;
    if (!staff || !waiting) {
      this.deps.logger.warn({ staffId, result }, 'outbox: staff notice not deliverable');
      throw new SkipDelivery(`staff notice not deliverable (${result})`);
    }
    // Not in Teams: by mail now, and in Teams when they next open the bot (counted on the summary).
    const T = mailTexts[staff.language];
    await once(`${key}:mail`, () =>
      mailer.send({
        from: this.mailFrom ?? { name: directory.organisation.name, address: directory.organisation.mailbox },
        to: staff.upn,
        subject: T.noticeSubject,
        text: `${message.text}\n\n${T.noticeOpenBot}`,
      }),
    );
    await waiting.add(staff.id, key, { message, at: this.deps.clock.now() });
    this.deps.logger.warn(
      { staffId, result },
      'outbox: staff notice not deliverable in Teams; mailed and kept for their next turn',
    );
  }

  async deliver({ key, msg }: OutboxEntry, once: DeliverOnce): Promise<void> {
    const { mailer, clock, directory } = this.deps;
    const now = clock.now();
    switch (msg.kind) {
      case 'citizen-invitation': {
        const latest = await this.latest(msg.appointmentId);
        if (msg.sequence !== null && latest.sequence > msg.sequence) {
          await this.cancelForPreviousStaff(key, latest, msg.previous, once);
          throw new SkipDelivery('superseded by a newer change');
        }
        let a = latest;
        if (a.status !== 'booked') throw new SkipDelivery(`appointment ${a.status}`);
        if (a.end <= now) throw new SkipDelivery('appointment over');
        a = await this.withMeetingLink(a);
        const ctx = this.composeContext();
        const previous = msg.previous;
        // Booked without email: no mail to the citizen (the clerk told them); the staff copy still goes.
        if (a.citizen.email)
          await once(`${key}:citizen`, () =>
            mailer.send(
              composeCitizenMail(
                { kind: 'invitation', reason: msg.reason, ...(previous ? { previous } : {}) },
                a,
                ctx,
                `${key}:citizen`,
              ),
            ),
          );
        await once(`${key}:staff`, () => mailer.send(composeStaffCopy('REQUEST', a, ctx, `${key}:staff`, previous)));
        await this.cancelForPreviousStaff(key, a, previous, once);
        return;
      }
      case 'citizen-cancellation': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'cancelled') throw new SkipDelivery('appointment not cancelled');
        if (a.end <= now) throw new SkipDelivery('appointment over');
        const ctx = this.composeContext();
        if (a.citizen.email)
          await once(`${key}:citizen`, () =>
            mailer.send(
              composeCitizenMail(
                { kind: 'cancellation', reason: msg.reason, ...(msg.code ? { code: msg.code } : {}) },
                a,
                ctx,
                `${key}:citizen`,
              ),
            ),
          );
        await once(`${key}:staff`, () => mailer.send(composeStaffCopy('CANCEL', a, ctx, `${key}:staff`)));
        return;
      }
      case 'citizen-kept': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new SkipDelivery(`appointment ${a.status}`);
        if (a.start <= now) throw new SkipDelivery('appointment started');
        if (!a.citizen.email) throw new SkipDelivery('no email address');
        const ctx = this.composeContext();
        await once(`${key}:citizen`, () => mailer.send(composeCitizenMail({ kind: 'kept' }, a, ctx, `${key}:citizen`)));
        return;
      }
      case 'citizen-reminder': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new SkipDelivery(`appointment ${a.status}`);
        if (a.start <= now) throw new SkipDelivery('appointment started');
        if (!a.citizen.email) throw new SkipDelivery('no email address');
        const ctx = this.composeContext();
        await once(`${key}:citizen`, () =>
          mailer.send(composeCitizenMail({ kind: 'reminder' }, a, ctx, `${key}:citizen`)),
        );
        return;
      }
      case 'citizen-sms': {
        if (!this.deps.sms) throw new SkipDelivery('SMS not configured');
        const a = await this.current(msg.appointmentId, msg.sequence);
        SmsDelivery.check(msg, a, now);
        await this.deps.sms.send(key, msg, a, directory, once);
        return;
      }
      case 'citizen-declinecounter': {
        const a = await this.current(msg.appointmentId, msg.sequence);
        if (a.status !== 'booked') throw new SkipDelivery(`appointment ${a.status}`);
        if (a.end <= now) throw new SkipDelivery('appointment over');
        const links = this.deps.links as CitizenLinks & { rescheduleUrl?: (id: string) => string };
        const ctx = this.composeContext();
        await once(`${key}:citizen`, () =>
          mailer.send(
            composeDeclineCounter(
              a,
              ctx,
              {
                cancelUrl: links.cancelUrl(a.id),
                ...(typeof links.rescheduleUrl === 'function' && offersReschedule(a, ctx)
                  ? { rescheduleUrl: links.rescheduleUrl(a.id) }
                  : {}),
              },
              `${key}:citizen`,
            ),
          ),
        );
        return;
      }
      case 'staff-notice': {
        const a = await this.current(msg.appointmentId, null);
        if (msg.event === 'reminder' && (a.status !== 'booked' || a.start <= now))
          throw new SkipDelivery('reminder no longer useful');
        // A proposal answered meanwhile (moved, declined) or of an older version is old news.
        if (
          msg.event === 'citizen-proposed' &&
          (a.status !== 'booked' || a.proposal?.sequence !== a.sequence || a.proposal.declined)
        )
          throw new SkipDelivery('proposal superseded');
        const declined = msg.event === 'citizen-declined' || msg.event === 'other-address-declined';
        const answer = msg.event === 'citizen-declined' ? a.reply : a.otherReply;
        // A decline that was answered by a newer change (moved, cancelled, accepted after all) is old news.
        if (declined && (a.status !== 'booked' || answer?.status !== 'declined' || answer.sequence !== a.sequence))
          throw new SkipDelivery('decline superseded');
        await once(key, async () => {
          const message = renderStaffNotice(msg, a, directory, now);
          const staff = indexDirectory(directory).staffById(msg.staffId);
          if (declined && this.deps.cards && staff)
            message.card = this.deps.cards.declined(
              a,
              directory,
              staff.language,
              msg.event === 'other-address-declined' ? 'other-address' : 'citizen',
            );
          if (msg.event === 'citizen-proposed' && this.deps.cards?.proposal && staff)
            message.card = this.deps.cards.proposal(a, directory, staff.language);
          await this.reachStaff(key, msg.staffId, message, once);
        });
        return;
      }
      case 'staff-call': {
        const a = await this.latest(msg.appointmentId);
        const open = await this.deps.calls?.get(msg.appointmentId);
        if (!open || open.sequence !== msg.sequence || open.event !== msg.event || open.staffId !== msg.staffId)
          throw new SkipDelivery('call marked or superseded');
        await once(key, async () => {
          const staff = indexDirectory(directory).staffById(msg.staffId);
          const language = staff?.language ?? 'de';
          const message: TeamsMessage = { text: renderCallText(msg, a, language) };
          const card = this.deps.cards?.call?.(a, open, directory, language);
          if (card) message.card = card;
          await this.reachStaff(key, msg.staffId, message, once);
        });
        return;
      }
      case 'supervisor-alert': {
        const all = directory.staff.filter(isSupervisor);
        const addressed = all.filter((s) => !msg.staffIds || msg.staffIds.includes(s.id));
        // Marked delivered per supervisor only when Teams took it; "no conversation" is not delivered.
        const reach = (s: (typeof all)[number]): Promise<boolean> =>
          once(`${key}:${s.id}`, async () => {
            const result = await this.sendReaching(s.id, renderSupervisorAlert(msg, s.language));
            if (result === 'sent') return true;
            this.deps.logger.warn({ staffId: s.id, result }, 'outbox: supervisor alert not deliverable');
            return false;
          });
        let reachedAddressed = 0;
        for (const s of addressed) if (await reach(s)) reachedAddressed += 1;
        if (reachedAddressed > 0) return;
        // Nobody it was meant for got it: the other supervisors, the organisation's mailbox, an open problem.
        let reachedOthers = 0;
        for (const s of all.filter((x) => !addressed.includes(x))) if (await reach(s)) reachedOthers += 1;
        const text = renderSupervisorAlert(msg, 'de').text;
        const textEn = renderSupervisorAlert(msg, 'en').text;
        await this.deps.openAlerts?.add({ id: key, text: { de: text, en: textEn }, at: now });
        const unreached = addressed.map((s) => s.name).join(', ') || '–';
        await once(`${key}:mailbox`, () =>
          mailer.send({
            from: this.mailFrom ?? directory.organisation.mailbox,
            to: directory.organisation.mailbox,
            // The mailbox is read by whoever is there: both languages in one mail.
            subject: `Sprechstunde: ${mailTexts.de.alertUndelivered} / ${mailTexts.en.alertUndelivered}`,
            text: `${text}\n\n${textEn}\n\n(Teams: ${unreached} ${mailTexts.de.notReachable} / ${mailTexts.en.notReachable}.)`,
          }),
        );
        this.deps.logger.warn(
          { addressed: addressed.length, reachedOthers, openProblem: Boolean(this.deps.openAlerts) },
          'outbox: supervisor alert reached nobody addressed; mailed to the organisation mailbox, kept as an open problem',
        );
        return;
      }
    }
  }
}
