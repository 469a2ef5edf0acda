/**
 * Journey 6 end to end, over HTTP as Teams would talk to the bot: a supervisor marks team
 * buergerbuero-a "home office only" for a week → one proposal card → confirm → the citizens get
 * updated invitations (same UID, higher SEQUENCE) at a real SMTP server → the staff get Teams
 * messages at the local connector.
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { reportAbsence } from '../../src/app/replan';
import { handOverAbsence } from '../../src/bot/supervisor/outage';
import { createLogger } from '../../src/logger';
import { AbsenceStore } from '../../src/store/absences';
import { cardOf, startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { calendarOf, cardText, executes, readInvitation, seed, SmtpSink } from './support';

type Card = { body?: unknown[]; actions?: { title?: string; verb?: string; data?: Record<string, unknown> }[] };

describe('a team falls out: replanning end to end', () => {
  // Friday 27 Feb 2026; in the week of 2 March team A is on site.
  const clock = new ManualClock(localDateTime('2026-02-27', '08:00'));
  const smtp = new SmtpSink();
  let h: TeamsHarness;
  let store: AppointmentStore;
  const booked: Record<string, Appointment> = {};

  beforeAll(async () => {
    await smtp.start();
    h = await startTeamsHarness({
      label: 'e2e-replan',
      clock,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Stadt Seelze <termine@seelze.example>' },
    });
    store = new AppointmentStore(h.redis, clock);
    // Everyone involved has opened the bot once (so proactive messages can reach them).
    for (const id of ['anna-schulz', 'jonas-becker', 'leonie-wagner', 'murat-yilmaz', 'katrin-hoffmann'])
      await h.say('hilfe', h.user(id));
    const seeds = [
      {
        id: 'e2e-meld',
        staffId: 'jonas-becker',
        serviceId: 'meldewesen',
        channel: 'in-person' as const,
        date: '2026-03-03',
        time: '09:00',
        citizen: 'Erika Mustermann',
        email: 'erika@example.org',
      },
      {
        id: 'e2e-kfz',
        staffId: 'leonie-wagner',
        serviceId: 'kfz',
        channel: 'in-person' as const,
        date: '2026-03-03',
        time: '10:00',
        citizen: 'Max Muster',
        email: 'max@example.org',
      },
      {
        id: 'e2e-ausweis',
        staffId: 'murat-yilmaz',
        serviceId: 'auskunft',
        channel: 'in-person' as const,
        date: '2026-03-04',
        time: '11:00',
        citizen: 'Hanna Beispiel',
        email: 'hanna@example.org',
      },
      {
        id: 'e2e-video',
        staffId: 'jonas-becker',
        serviceId: 'auskunft',
        channel: 'video' as const,
        date: '2026-03-03',
        time: '11:00',
        citizen: 'Paul Video',
        email: 'paul@example.org',
      },
    ];
    for (const s of seeds) booked[s.id] = await seed(store, h.directory, clock, s);
    // The original invitations (SEQUENCE 0) go out first.
    await smtp.waitUntil((m) =>
      ['erika@example.org', 'max@example.org', 'hanna@example.org', 'paul@example.org'].every((to) =>
        m.some((x) => x.to.includes(to)),
      ),
    );
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  it('from the outage form to updated invitations and Teams messages', async () => {
    const anna = h.user('anna-schulz');
    // 1. "ausfall" → the form, offering the teams Anna supervises and their members.
    const [formReply] = await h.say('ausfall', anna);
    const form = cardOf(formReply!);
    expect(cardText(form)).toContain('Bürgerbüro Team A');
    expect(executes(form)[0]!.data.verb).toBe('outage.propose');

    // 2. Submitting the form (Action.Execute with the inputs) → ONE proposal card, in place.
    const proposed = await h.invoke(
      {
        verb: 'outage.propose',
        data: {
          target: 'team:buergerbuero-a',
          mode: 'home-office-only',
          reason: 'quarantine',
          from: '2026-03-02',
          to: '2026-03-06',
        },
      },
      anna,
    );
    expect(proposed.status).toBe(200);
    const proposal = (proposed.body as { value: Card }).value;
    const text = cardText(proposal);
    expect(text).toContain('Umplanung bei Ausfall');
    expect(text).toContain('Bürgerbüro Team A');
    for (const name of ['Erika Mustermann', 'Max Muster', 'Hanna Beispiel']) expect(text).toContain(name);
    expect(text).not.toContain('Paul Video'); // already video: nothing to do
    expect(text).toContain('Video mit Jonas Becker, gleiche Zeit');
    expect(text).toContain('Telefon mit Leonie Wagner, gleiche Zeit');
    const all = executes(proposal).find((a) => a.title.startsWith('Alle'))!;
    expect(all.title).toBe('Alle 3 übernehmen');
    expect(Buffer.byteLength(JSON.stringify(proposal))).toBeLessThan(40_000);

    // 3. Confirm all → the card is redrawn: everything done, no buttons left.
    const confirmed = await h.invoke({ verb: 'outage.apply', data: all.data }, anna);
    const done = (confirmed.body as { value: Card }).value;
    expect(cardText(done)).toContain('Erledigt: 3');
    expect(executes(done)).toHaveLength(0);

    // The same (now old) card pressed again changes nothing and shows where things stand.
    const again = await h.invoke({ verb: 'outage.apply', data: all.data }, anna);
    expect(cardText((again.body as { value: Card }).value)).toContain('inzwischen weiter bearbeitet');

    // 4. Updated invitations: same UID, SEQUENCE 1, REQUEST in body and MIME type, new channel.
    const citizens = {
      'e2e-meld': 'erika@example.org',
      'e2e-kfz': 'max@example.org',
      'e2e-ausweis': 'hanna@example.org',
    } as const;
    const invitationsTo = (to: string) =>
      smtp.mails
        .filter((m) => m.to.includes(to))
        .map((m) => ({ mime: calendarOf(m.raw)! }))
        .filter((x) => x.mime)
        .map((x) => ({ mimeMethod: x.mime.method, ...readInvitation(x.mime.ics) }));
    await smtp.waitUntil(() => Object.values(citizens).every((to) => invitationsTo(to).some((i) => i.sequence >= 1)));
    for (const [id, to] of Object.entries(citizens)) {
      const updated = invitationsTo(to).find((i) => i.sequence >= 1)!;
      expect(updated).toMatchObject({
        method: 'REQUEST',
        mimeMethod: 'REQUEST',
        uid: booked[id]!.uid,
        sequence: 1,
        start: booked[id]!.start,
      });
    }
    const meld = invitationsTo(citizens['e2e-meld']).find((i) => i.sequence === 1)!;
    expect(`${meld.description}\n${meld.location}`).toMatch(/https:\/\/meet\.jit\.si\/seelze-[a-z2-7]{32}/);
    const now = await store.get('e2e-meld');
    expect(now).toMatchObject({ channel: 'video', sequence: 1 });
    expect(await store.get('e2e-video')).toMatchObject({ sequence: 0 });

    // 5. The staff members hear about their changed appointments in Teams.
    for (const [staffId, citizen] of [
      ['jonas-becker', 'Erika Mustermann'],
      ['leonie-wagner', 'Max Muster'],
      ['murat-yilmaz', 'Hanna Beispiel'],
    ] as const) {
      const conversationId = `a:personal-${h.user(staffId).aadObjectId}`;
      const message = await h.connector.waitFor(
        (a) => a.conversationId === conversationId && !!a.text?.startsWith('Termin umgeplant'),
      );
      expect(message.text).toContain(citizen);
      expect(message.replyToId).toBeUndefined(); // proactive, not a reply
    }
  });

  it('confirms item by item, and recomputes when an appointment changed under the proposal', async () => {
    const anna = h.user('anna-schulz');
    const a1 = await seed(store, h.directory, clock, {
      id: 'e2e-k1',
      staffId: 'katrin-hoffmann',
      serviceId: 'ausweis',
      channel: 'in-person',
      date: '2026-03-10',
      time: '09:00',
      citizen: 'Ida Eins',
      email: 'ida@example.org',
    });
    const a2 = await seed(store, h.directory, clock, {
      id: 'e2e-k2',
      staffId: 'katrin-hoffmann',
      serviceId: 'ausweis',
      channel: 'in-person',
      date: '2026-03-10',
      time: '10:00',
      citizen: 'Otto Zwei',
      email: 'otto@example.org',
    });
    const proposed = await h.invoke(
      {
        verb: 'outage.propose',
        data: { target: 'staff:katrin-hoffmann', mode: 'absent', reason: 'sick', from: '2026-03-10', to: '2026-03-10' },
      },
      anna,
    );
    const card = (proposed.body as { value: Card }).value;
    const perItem = executes(card).filter((a) => a.data.appointmentId);
    expect(perItem.map((a) => a.data.appointmentId)).toEqual([a1.id, a2.id]);
    expect(cardText(card)).toContain('an ');

    // First item alone.
    const first = await h.invoke({ verb: 'outage.apply', data: perItem[0]!.data }, anna);
    const afterFirst = (first.body as { value: Card }).value;
    expect(cardText(afterFirst)).toContain('Erledigt: 1');
    const second = executes(afterFirst).find((a) => a.data.appointmentId === a2.id)!;
    expect(second).toBeDefined();

    // Meanwhile the second appointment is cancelled by someone else (sequence changes).
    await store.cancel({
      appointmentId: a2.id,
      expectedSequence: 0,
      reason: 'Bürger hat angerufen',
      by: 'staff',
      audit: { at: clock.now(), actor: 'katrin-hoffmann', action: 'cancel', appointmentId: a2.id },
      outbox: (next) => [
        { kind: 'citizen-cancellation', appointmentId: a2.id, sequence: next.sequence, reason: 'staff' },
      ],
    });
    const stale = await h.invoke({ verb: 'outage.apply', data: second.data }, anna);
    const staleCard = (stale.body as { value: Card }).value;
    expect(cardText(staleCard)).toContain('inzwischen geändert; der Vorschlag wurde neu berechnet');
    expect(cardText(staleCard)).toContain('Erledigt: 1');
    expect(executes(staleCard)).toHaveLength(0); // nothing left to decide: the cancelled one is no longer affected
    const taker = (await store.get(a1.id))!.staffId;
    expect(taker).not.toBe('katrin-hoffmann');
    // Katrin learns where her appointment went.
    const katrinConv = `a:personal-${h.user('katrin-hoffmann').aadObjectId}`;
    const handed = await h.connector.waitFor(
      (a) => a.conversationId === katrinConv && !!a.text?.startsWith('Termin übergeben an'),
    );
    expect(handed.text).toContain(h.directory.staff.find((s) => s.id === taker)!.name);
    expect(handed.text).toContain('Ida Eins');
  });

  it('hands a staff member’s own absence report to the supervisor as the same proposal card', async () => {
    const appt = await seed(store, h.directory, clock, {
      id: 'e2e-own',
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-17',
      time: '09:00',
      citizen: 'Lena Eigen',
      email: 'lena@example.org',
    });
    const absences = await reportAbsence(
      { directory: h.directory, clock, absences: new AbsenceStore(h.redis) },
      {
        actorId: 'jonas-becker',
        target: { staffId: 'jonas-becker' },
        from: '2026-03-17',
        to: '2026-03-17',
        mode: 'absent',
        reason: 'sick',
      },
    );
    const handed = await handOverAbsence(
      { ...h.app.services.supervisor.outage, clock },
      h.directory,
      absences,
      'jonas-becker',
      createLogger('silent'),
    );
    expect(handed).toMatchObject({ proposalSent: true, plan: { items: [{ appointmentId: appt.id }] } });
    expect(handed.supervisors.map((s) => s.id)).toEqual(['anna-schulz']);

    const anna = h.user('anna-schulz');
    const pushed = await h.connector.waitFor(
      (a) =>
        a.conversationId === `a:personal-${anna.aadObjectId}` &&
        !!a.text?.startsWith('Jonas Becker hat eine Abwesenheit gemeldet'),
    );
    // one open item: „Vorschlag übernehmen“ (more: „Alle n übernehmen“)
    const all = executes(cardOf(pushed)).find((a) => a.title === 'Vorschlag übernehmen')!;
    expect(cardText(cardOf(pushed))).toContain('Lena Eigen');
    const confirmed = await h.invoke({ verb: 'outage.apply', data: all.data }, anna);
    expect(cardText((confirmed.body as { value: Card }).value)).toContain('Erledigt: 1');
    expect((await store.get(appt.id))!.staffId).not.toBe('jonas-becker');
  });

  it('refuses the outage to staff and points them to their own absence report', async () => {
    const [reply] = await h.say('ausfall', h.user('jonas-becker'));
    expect(reply!.text).toContain('Abwesend');
    const res = await h.invoke(
      {
        verb: 'outage.propose',
        data: { target: 'team:buergerbuero-a', mode: 'absent', reason: 'sick', from: '2026-03-02', to: '2026-03-02' },
      },
      h.user('jonas-becker'),
    );
    expect(JSON.stringify(res.body)).toContain('Teamleitungen');
  });
});
