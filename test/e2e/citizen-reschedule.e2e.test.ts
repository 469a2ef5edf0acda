/**
 * The citizen moves an appointment end to end: the whole app (createApp) with its HTTP server, a real
 * SMTP peer and Teams over real HTTP (local connector).
 *
 *   booked → the invitation mail carries the reschedule link → the citizen opens it (GET over HTTP)
 *   and posts a choice with the signed token → REQUEST SEQUENCE+1 to the citizen and to the staff
 *   member (read back with ical.js) → the staff member's Teams notice.
 *   And what must not move: a forged link, a link after the appointment, two posts at once.
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { calendarOf, plainTextOf, readInvitation, seed, SmtpSink, type ReceivedMail } from './support';
import { choices } from '../http/forms';

describe('citizen reschedules through the link in the mail (app over HTTP, SMTP, Teams)', () => {
  // Monday; the appointments are on Wednesday.
  const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
  const smtp = new SmtpSink();
  let h: TeamsHarness;
  let store: AppointmentStore;
  const jonas = () => h.user('jonas-becker');
  const JONAS_MAIL = 'jonas.becker@seelze.example';

  const book = (id: string, time: string, email: string): Promise<Appointment> =>
    seed(store, h.directory, clock, {
      id,
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-04',
      time,
      citizen: 'Erika Mustermann',
      email,
    });

  /** The invitations (any METHOD) of one appointment that reached `to`, read back with ical.js. */
  const invitations = (to: string, uid: string) =>
    smtp.mails
      .filter((m: ReceivedMail) => m.to.includes(to))
      .flatMap((m) => {
        const cal = calendarOf(m.raw);
        return cal ? [{ ...readInvitation(cal.ics), mail: m }] : [];
      })
      .filter((i) => i.uid === uid);

  /** The path of the reschedule link in the citizen's invitation mail (the host is PUBLIC_BASE_URL's). */
  async function linkFromMail(a: Appointment): Promise<string> {
    await smtp.waitUntil(() => invitations(a.citizen.email!, a.uid).some((i) => i.sequence === 0));
    const mail = invitations(a.citizen.email!, a.uid).find((i) => i.sequence === 0)!.mail;
    const url = /https?:\/\/\S+?\/c\/[A-Za-z0-9_.-]+\/reschedule/.exec(plainTextOf(mail.raw))?.[0];
    expect(url).toBeDefined();
    return new URL(url!).pathname;
  }

  const get = (path: string) => fetch(h.baseUrl + path);
  /** A form post as a browser sends it from our page (its Origin under Referrer-Policy same-origin). */
  const post = (action: string, fields: Record<string, string>) =>
    fetch(h.baseUrl + action, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(h.baseUrl).origin,
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams(fields).toString(),
    });

  beforeAll(async () => {
    await smtp.start();
    h = await startTeamsHarness({
      label: 'e2e-citizen-reschedule',
      clock,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Stadt Seelze <termine@seelze.example>' },
    });
    store = new AppointmentStore(h.redis, clock);
    await h.say('hilfe', jonas()); // Jonas has opened the bot: proactive messages can reach him
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
  });
  afterEach(() => clock.set(localDateTime('2026-03-02', '08:00')));

  it('book → page from the mail → choice posted → REQUEST SEQUENCE 1 to citizen and staff member, Teams notice', async () => {
    const a = await book('appt_e2emove', '09:00', 'erika@example.org');
    const path = await linkFromMail(a);

    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h2>Bei Jonas Becker</h2>');
    expect(await store.get(a.id)).toMatchObject({ sequence: 0, start: a.start }); // GET changes nothing
    const own = choices(html).filter((c) => c.fields.staff === 'jonas-becker');
    expect(own.length).toBeGreaterThan(0);
    const chosen = own[0]!;
    expect(chosen.fields.sequence).toBe('0');

    const done = await post(chosen.action, chosen.fields);
    expect(done.status).toBe(200);
    const text = await done.text();
    expect(text).toContain('Ihr Termin ist verschoben');
    expect(text).toContain('Bisher: Mittwoch, 4. März 2026, 09:00–09:15 Uhr');
    const start = Number(chosen.fields.start);
    expect(await store.get(a.id)).toMatchObject({ sequence: 1, citizenMoves: 1, start, staffId: 'jonas-becker' });

    // The REQUEST with the next SEQUENCE reaches the citizen and the staff member's calendar (same UID, new start).
    await smtp.waitUntil(
      () =>
        invitations('erika@example.org', a.uid).some((i) => i.sequence === 1) &&
        invitations(JONAS_MAIL, a.uid).some((i) => i.sequence === 1),
    );
    for (const to of ['erika@example.org', JONAS_MAIL]) {
      const request = invitations(to, a.uid).find((i) => i.sequence === 1)!;
      expect(request).toMatchObject({ method: 'REQUEST', uid: a.uid, sequence: 1, start });
      expect(calendarOf(request.mail.raw)!.method).toBe('REQUEST');
    }
    // The citizen's mail states the old time.
    const citizenMail = invitations('erika@example.org', a.uid).find((i) => i.sequence === 1)!.mail;
    expect(plainTextOf(citizenMail.raw)).toContain('Mittwoch, 4. März 2026, 09:00–09:15 Uhr');

    // Jonas is told in Teams, proactively, in his personal chat.
    const notice = await h.connector.waitFor(
      (x) =>
        x.conversationId === `a:personal-${jonas().aadObjectId}` &&
        textOf(x).includes('hat den Termin über den Link in der E-Mail verschoben'),
    );
    expect(textOf(notice)).toContain('bisher Mittwoch, 4. März 2026, 09:00–09:15 Uhr');
  });

  it('a forged link shows "ungültig" and moves nothing, by GET or POST', async () => {
    const a = await book('appt_e2eforged', '10:00', 'max@example.org');
    const path = await linkFromMail(a);
    const [choice] = choices(await (await get(path)).text());
    const forgedToken = `${a.id}.${'A'.repeat(43)}`;
    const forgedPath = `/c/${forgedToken}/reschedule`;

    const page = await get(forgedPath);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Dieser Link ist ungültig');
    const posted = await post(forgedPath, { ...choice!.fields, token: forgedToken });
    expect(posted.status).toBe(404);
    // The real token in a form posted to a forged URL does not help either.
    expect((await post(forgedPath, choice!.fields)).status).toBe(404);
    expect(await store.get(a.id)).toMatchObject({ sequence: 0, start: a.start });
  });

  it('a link used after the appointment says it is over and moves nothing', async () => {
    const a = await book('appt_e2eover', '11:00', 'hanna@example.org');
    const path = await linkFromMail(a);
    const [choice] = choices(await (await get(path)).text());

    clock.set(a.end + 60_000);
    const page = await get(path);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('Dieser Termin ist vorbei');
    const posted = await post(choice!.action, choice!.fields);
    expect(posted.status).toBe(410);
    expect(await store.get(a.id)).toMatchObject({ sequence: 0, start: a.start });
  });

  it('two posts at once (double click, two tabs): one move, one REQUEST SEQUENCE 1, the other gets a clear page', async () => {
    const a = await book('appt_e2etwice', '12:00', 'paul@example.org');
    const path = await linkFromMail(a);
    const [first, second] = choices(await (await get(path)).text());
    const results = await Promise.all([post(first!.action, first!.fields), post(second!.action, second!.fields)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(await refused.text()).toContain('Ihr Termin wurde inzwischen geändert');
    const moved = (await store.get(a.id))!;
    expect(moved).toMatchObject({ sequence: 1, citizenMoves: 1 });
    expect([Number(first!.fields.start), Number(second!.fields.start)]).toContain(moved.start);

    await smtp.waitUntil(() => invitations('paul@example.org', a.uid).some((i) => i.sequence === 1));
    await h.app.outbox.runOnce?.();
    const sent = invitations('paul@example.org', a.uid);
    expect(sent.filter((i) => i.sequence === 1)).toHaveLength(1);
    expect(sent.some((i) => i.sequence > 1)).toBe(false);
    expect(sent.find((i) => i.sequence === 1)!.start).toBe(moved.start);
  });
});
