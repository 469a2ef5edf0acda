/**
 * The replanning journey with citizens who must be called, over HTTP as Teams would talk to the bot: team B is set to "Nur
 * Homeoffice" for a day; Ilse Ohnenetz (landline only, no email) and Otto Ohnemail (a mobile number
 * without SMS consent) are moved. The proposal and the applied card count who must be called instead
 * of promising invitations; the serving staff member gets "Bitte anrufen" in their personal chat; the
 * call stays on their agenda and on the supervisor's summary until "Erreicht".
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment, Citizen } from '../../src/domain/types';
import { appointmentUid } from '../../src/domain/calendar-busy';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { cardText, executes, SmtpSink } from './support';

type Card = Record<string, unknown>;
const MINUTE = 60_000;
const valueOf = (body: unknown) => (body as { value: Card }).value;

describe('the call list: citizens only a call reaches', () => {
  // Friday 11 Dec 2026; in the week of 14 Dec team B (Katrin, Tobias) is on site.
  const clock = new ManualClock(localDateTime('2026-12-11', '08:00'));
  const smtp = new SmtpSink();
  let h: TeamsHarness;
  let store: AppointmentStore;
  const booked: Record<string, Appointment> = {};

  async function book(
    id: string,
    staffId: string,
    serviceId: string,
    time: string,
    citizen: Citizen,
    date = '2026-12-15',
  ): Promise<Appointment> {
    const start = localDateTime(date, time);
    const service = h.directory.services.find((s) => s.id === serviceId)!;
    const end = start + service.durationMin * MINUTE;
    const res = await store.confirm({
      clientKey: `seed-${id}`,
      appointment: {
        id,
        uid: appointmentUid(id),
        sequence: 0,
        staffId,
        serviceId,
        channel: 'in-person',
        start,
        end,
        blockStart: start - service.bufferBeforeMin * MINUTE,
        blockEnd: end + service.bufferAfterMin * MINUTE,
        status: 'booked',
        citizen,
        createdAt: clock.now(),
        createdBy: staffId,
        updatedAt: clock.now(),
      },
      audit: { at: clock.now(), actor: staffId, action: 'booked', appointmentId: id },
      outbox: [{ kind: 'citizen-invitation', appointmentId: id, sequence: 0, reason: 'booked' }],
    });
    return res.appointment;
  }

  beforeAll(async () => {
    await smtp.start();
    h = await startTeamsHarness({
      label: 'e2e-calls',
      clock,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Stadt Seelze <termine@seelze.example>' },
    });
    store = new AppointmentStore(h.redis, clock);
    for (const id of ['anna-schulz', 'katrin-hoffmann', 'tobias-krueger', 'sabine-neumann', 'felix-richter'])
      await h.say('hilfe', h.user(id));
    booked.ilse = await book('call-ilse', 'katrin-hoffmann', 'kfz', '11:00', {
      name: 'Ilse Ohnenetz',
      phone: '+49513712345',
      language: 'de',
    });
    booked.otto = await book('call-otto', 'tobias-krueger', 'ausweis', '09:00', {
      name: 'Otto Ohnemail',
      phone: '+491711234567',
      smsConsent: false,
      language: 'de',
    });
    booked.erika = await book('call-erika', 'katrin-hoffmann', 'ausweis', '09:00', {
      name: 'Erika Mustermann',
      email: 'erika@example.org',
      language: 'de',
    });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  it('counts the calls on the proposal and applied cards, and sends the serving staff member "Bitte anrufen"', async () => {
    const anna = h.user('anna-schulz');
    const proposed = await h.invoke(
      {
        verb: 'outage.propose',
        data: {
          target: 'team:buergerbuero-b',
          mode: 'home-office-only',
          reason: 'quarantine',
          from: '2026-12-15',
          to: '2026-12-15',
        },
      },
      anna,
    );
    const proposal = valueOf(proposed.body);
    expect(cardText(proposal)).toContain('Ilse Ohnenetz');
    expect(cardText(proposal)).toContain('2 Bürgerinnen und Bürger müssen angerufen werden');
    const all = executes(proposal).find((a) => a.title.startsWith('Alle'))!;
    expect(all.title).toBe('Alle 3 übernehmen');

    const applied = valueOf((await h.invoke({ verb: 'outage.apply', data: all.data }, anna)).body);
    const text = cardText(applied);
    expect(text).toContain('Erledigt: 3');
    expect(text).toContain(
      '2 Bürgerinnen und Bürger müssen angerufen werden: Die Anrufkarten liegen bei den zuständigen',
    );
    expect(text).toContain('1 per E-Mail');
    expect(text).not.toContain('Die Bürgerinnen und Bürger erhalten aktualisierte Einladungen');

    // Ilse's car registration becomes a phone call with Katrin at the same time (she works from home):
    // Katrin's call card.
    const ilse = (await store.get('call-ilse'))!;
    expect(ilse).toMatchObject({ staffId: 'katrin-hoffmann', channel: 'phone', start: booked.ilse!.start });
    const katrinChat = `a:personal-${h.user('katrin-hoffmann').aadObjectId}`;
    const card = await h.connector.waitFor(
      (a) => a.conversationId === katrinChat && !!a.text?.startsWith('Bitte anrufen: Ilse Ohnenetz'),
    );
    expect(card.text).toBe(
      'Bitte anrufen: Ilse Ohnenetz, 05137 12345: Termin jetzt: Telefon, Di., 15. Dez. 2026, 11:00 Uhr',
    );
    const content = cardOf(card)!;
    expect(cardText(content)).toContain('Termin jetzt: 📞 Telefon, Di., 15. Dez. 2026, 11:00 Uhr');
    expect(cardText(content)).toContain('Keine E-Mail und keine SMS');
    expect(executes(content).map((a) => a.title)).toEqual(['✔ Erreicht', 'Nicht erreicht – später nochmal']);
    // Otto's passport appointment moved to another day, with whoever serves it now: their call card.
    const otto = (await store.get('call-otto'))!;
    expect(otto.start).toBeGreaterThan(booked.otto!.start);
    const ottoCard = await h.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${h.user(otto.staffId).aadObjectId}` &&
        !!a.text?.startsWith('Bitte anrufen: Otto Ohnemail, 0171 1234567: Termin verlegt auf'),
    );
    expect(ottoCard.text).toContain('(bisher Di., 15. Dez. 2026, 09:00 Uhr)');
    // The open calls are stored, and exactly one card per citizen went out.
    expect(await h.redis.hlen(keys.openCalls())).toBe(2);
    expect(h.connector.activities.filter((a) => a.text?.startsWith('Bitte anrufen: Ilse Ohnenetz')).length).toBe(1);
    // Erika has an email: an updated invitation, no call.
    await smtp.waitUntil((m) => m.some((x) => x.to.includes('erika@example.org') && /SEQUENCE:1/.test(x.raw)));
    expect(h.connector.activities.some((a) => a.text?.includes('Bitte anrufen: Erika'))).toBe(false);
  });

  it('keeps the call on the agenda and the summary until "Erreicht"; an old card pressed twice changes nothing', async () => {
    const katrin = h.user('katrin-hoffmann');
    const open = Object.values(await h.redis.hgetall(keys.openCalls())).map(
      (raw) => JSON.parse(raw) as { staffId: string },
    );
    const katrins = open.filter((c) => c.staffId === 'katrin-hoffmann').length;
    const [agendaReply] = await h.say('meine termine', katrin);
    const agenda = cardOf(agendaReply!)!;
    expect(cardText(agenda)).toContain(katrins === 1 ? '1 offener Anruf' : `${katrins} offene Anrufe`);
    expect(cardText(agenda)).toContain('Ilse Ohnenetz, 05137 12345');

    const [summaryReply] = await h.say('tagesübersicht', h.user('anna-schulz'));
    const colleagues = new Set(open.map((c) => c.staffId)).size;
    expect(cardText(cardOf(summaryReply!))).toContain(
      `Bürgerinnen und Bürger anrufen (nur telefonisch erreichbar; bei ${colleagues} Kolleg:${colleagues === 1 ? 'in' : 'innen'})\n2`,
    );
    expect(cardText(cardOf(summaryReply!))).not.toContain('Ilse'); // counts only, no citizen data

    const conversationId = `a:personal-${katrin.aadObjectId}`;
    const callCard = cardOf(
      h.connector.activities.find(
        (a) => a.conversationId === conversationId && !!a.text?.startsWith('Bitte anrufen: Ilse'),
      )!,
    )!;
    const [reached, notReached] = executes(callCard);

    // "Nicht erreicht": counted once, however often this card is pressed.
    const first = valueOf((await h.invoke({ verb: 'call.mark', data: notReached!.data }, katrin)).body);
    expect(cardText(first)).toContain('Vermerkt: nicht erreicht');
    expect(cardText(first)).toContain('Nicht erreicht: 1 Versuch');
    const again = valueOf((await h.invoke({ verb: 'call.mark', data: notReached!.data }, katrin)).body);
    expect(cardText(again)).toContain('Nicht erreicht: 1 Versuch');
    expect(JSON.parse((await h.redis.hget(keys.openCalls(), 'call-ilse'))!)).toMatchObject({ tries: 1 });

    // "Erreicht" (the old card still works: same change): done, recorded as reached by a call.
    const done = valueOf((await h.invoke({ verb: 'call.mark', data: reached!.data }, katrin)).body);
    expect(cardText(done)).toContain('Vermerkt: erreicht');
    expect(executes(done)).toHaveLength(0);
    expect((await store.get('call-ilse'))!.reachedBy).toContain('call');
    const twice = valueOf((await h.invoke({ verb: 'call.mark', data: reached!.data }, katrin)).body);
    expect(cardText(twice)).toContain('schon als erreicht vermerkt');
    expect(await h.redis.hexists(keys.openCalls(), 'call-ilse')).toBe(0);

    const [after] = await h.say('meine termine', katrin);
    expect(cardText(cardOf(after!))).not.toContain('Ilse Ohnenetz');
    const [summaryAfter] = await h.say('tagesübersicht', h.user('anna-schulz'));
    expect(cardText(cardOf(summaryAfter!))).toContain(
      'Bürgerinnen und Bürger anrufen (nur telefonisch erreichbar; bei 1 Kolleg:in)\n1',
    );
  });

  it('another staff member may not mark a colleague’s call outside their rights', async () => {
    const open = JSON.parse((await h.redis.hget(keys.openCalls(), 'call-otto'))!) as { sequence: number };
    const res = await h.invoke(
      {
        verb: 'call.mark',
        data: { appointmentId: 'call-otto', sequence: open.sequence, tries: 0, outcome: 'reached' },
      },
      h.user('peter-klein'),
    );
    expect(cardText(valueOf(res.body))).not.toContain('Vermerkt: erreicht');
    expect(await h.redis.hexists(keys.openCalls(), 'call-otto')).toBe(1);
  });

  it('the cancel dialog says what really happens for a citizen without email: a call by you, on your call list', async () => {
    const katrin = h.user('katrin-hoffmann');
    // Wednesday: team B is on site again after Tuesday's home-office day.
    const heinz = await book(
      'call-heinz',
      'katrin-hoffmann',
      'ausweis',
      '13:00',
      { name: 'Heinz Alt', phone: '+49513712346', language: 'de' },
      '2026-12-16',
    );
    const ask = valueOf(
      (
        await h.invoke(
          {
            verb: 'appt.cancelAsk',
            data: { appointmentId: heinz.id, sequence: heinz.sequence, range: { kind: 'today' } },
          },
          katrin,
        )
      ).body,
    );
    expect(cardText(ask)).toContain(
      'Keine E-Mail, keine SMS: Niemand sonst sagt es Heinz Alt. Bitte rufen Sie unter 05137 12346 an',
    );
    expect(cardText(ask)).not.toContain('per E-Mail');
    const cancel = executes(ask).find((a) => a.data.verb === 'appt.cancel')!;
    const done = valueOf(
      (await h.invoke({ verb: 'appt.cancel', data: { ...cancel.data, reason: 'staff-unavailable' } }, katrin)).body,
    );
    expect(cardText(done)).toContain('Bitte rufen Sie Heinz Alt unter 05137 12346 an');
    expect(cardText(done)).toContain('Heinz Alt, 05137 12346'); // on top of the agenda, until "Erreicht"
    await h.connector.waitFor((a) => !!a.text?.startsWith('Bitte anrufen: Heinz Alt, 05137 12346: Termin abgesagt'));
  });

  it('the move dialog says what really happens: a call by you (then on your call list), an SMS, or a colleague’s call list', async () => {
    const katrin = h.user('katrin-hoffmann');
    const hans = await book(
      'call-hans',
      'katrin-hoffmann',
      'ausweis',
      '14:00',
      { name: 'Hans Festnetz', phone: '+49513712347', language: 'de' },
      '2026-12-16',
    );
    const ask = valueOf(
      (
        await h.invoke(
          {
            verb: 'appt.reschedule',
            data: { appointmentId: hans.id, sequence: hans.sequence, range: { kind: 'today' } },
          },
          katrin,
        )
      ).body,
    );
    expect(cardText(ask)).toContain(
      'Keine E-Mail, keine SMS: Niemand sonst sagt es Hans Festnetz. Bitte rufen Sie unter 05137 12347 an – der Anruf kommt auf Ihre Anrufliste.',
    );
    expect(cardText(ask)).not.toContain('per E-Mail');
    const slot = executes(ask).find((a) => a.data.verb === 'appt.move')!;
    const moved = valueOf((await h.invoke({ verb: 'appt.move', data: slot.data }, katrin)).body);
    expect(cardText(moved)).toContain('Termin verschoben');
    expect(cardText(moved)).toContain(
      'Bitte rufen Sie Hans Festnetz unter 05137 12347 an – der Anruf steht auf Ihrer Anrufliste, bis Sie „Erreicht“ drücken.',
    );
    expect(cardText(moved)).not.toContain('Ohne E-Mail-Adresse wird keine Einladung');
    await h.connector.waitFor((a) => !!a.text?.startsWith('Bitte anrufen: Hans Festnetz, 05137 12347: Termin verlegt'));
    expect(await h.redis.hexists(keys.openCalls(), hans.id)).toBe(1);

    // A supervisor moving Katrin's appointment: the call goes on Katrin's list, and the card says so.
    const current = (await store.get(hans.id))!;
    const asked = valueOf(
      (
        await h.invoke(
          { verb: 'appt.reschedule', data: { appointmentId: hans.id, sequence: current.sequence } },
          h.user('anna-schulz'),
        )
      ).body,
    );
    expect(cardText(asked)).toContain(
      'Sie oder er muss unter 05137 12347 angerufen werden – der Anruf kommt auf die Anrufliste von Katrin Hoffmann.',
    );

    // A mobile number with SMS consent: the new time goes by SMS, no call.
    const sms = await book(
      'call-sms',
      'katrin-hoffmann',
      'ausweis',
      '15:00',
      { name: 'Sina Handy', phone: '+491711234599', smsConsent: true, language: 'de' },
      '2026-12-16',
    );
    const smsAsk = valueOf(
      (await h.invoke({ verb: 'appt.reschedule', data: { appointmentId: sms.id, sequence: sms.sequence } }, katrin))
        .body,
    );
    expect(cardText(smsAsk)).toContain('Sina Handy erhält die neue Zeit per SMS an 0171 1234599.');
    const smsSlot = executes(smsAsk).find((a) => a.data.verb === 'appt.move')!;
    const smsMoved = valueOf((await h.invoke({ verb: 'appt.move', data: smsSlot.data }, katrin)).body);
    expect(cardText(smsMoved)).toContain('Die neue Zeit geht per SMS an 0171 1234599.');
    expect(await h.redis.hexists(keys.openCalls(), sms.id)).toBe(0);
  });
});
