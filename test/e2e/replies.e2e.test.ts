/**
 * The citizen's calendar answers end to end: the app reads a REAL IMAP mailbox (Dovecot, started by
 * the test) as its organisation mailbox, talks to Teams over real HTTP (local connector) and sends
 * mail to a real SMTP server.
 *
 *   book → REPLY DECLINED appended → the staff member's card arrives over HTTP → "cancel and free
 *   the slot" → CANCEL mail to the citizen; ACCEPTED → ✓ in the agenda; TENTATIVE shown;
 *   COUNTER → the proposed time as a card → "Vorschlag annehmen" → REQUEST with SEQUENCE 1.
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import type { Appointment } from '../../src/domain/types';
import { AppointmentStore } from '../../src/store/appointments';
import { IMAP_PASSWORD, startDovecot, type Dovecot } from '../support/dovecot';
import { cardOf, startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { replyMail, type ReplyClient } from '../mailbox/fixtures';
import { calendarOf, readInvitation, seed, SmtpSink } from './support';

type Execute = { title: string; data: Record<string, unknown> };
function executes(card: unknown): Execute[] {
  const out: Execute[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}
const cardText = (card: unknown) =>
  textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

describe('citizen replies end to end (Dovecot + Teams over HTTP + SMTP)', () => {
  const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
  const smtp = new SmtpSink();
  let imap: Dovecot;
  let h: TeamsHarness;
  let store: AppointmentStore;
  const jonas = () => h.user('jonas-becker');

  async function book(id: string, time: string, email: string): Promise<Appointment> {
    return seed(store, h.directory, clock, {
      id,
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-04',
      time,
      citizen: 'Erika Mustermann',
      email,
    });
  }

  const answer = (a: Appointment, partstat: 'ACCEPTED' | 'DECLINED' | 'TENTATIVE', client: ReplyClient = 'outlook') =>
    replyMail(client, {
      uid: a.uid,
      sequence: a.sequence,
      partstat,
      attendee: a.citizen.email!,
      start: a.start,
      end: a.end,
      stamp: clock.now(),
    });

  beforeAll(async () => {
    await smtp.start();
    imap = await startDovecot();
    h = await startTeamsHarness({
      label: 'e2e-replies',
      clock,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Stadt Seelze <termine@seelze.example>',
        MAILBOX_URL: imap.url,
        MAILBOX_PASSWORD: IMAP_PASSWORD,
      },
    });
    store = new AppointmentStore(h.redis, clock);
    await h.say('hilfe', jonas()); // Jonas has opened the bot: proactive messages can reach him
  });
  afterAll(async () => {
    await h?.close();
    await imap?.stop();
    await smtp.stop();
  });

  it('DECLINED: Jonas gets a card at once; "cancel and free the slot" sends the citizen a CANCEL', async () => {
    const a = await book('appt_e2edecline', '09:00', 'erika@example.org');
    await imap.append(answer(a, 'DECLINED'));
    await h.app.mailbox.poll();

    const conversationId = `a:personal-${jonas().aadObjectId}`;
    const notice = await h.connector.waitFor(
      (x) => x.conversationId === conversationId && !!cardOf(x) && cardText(cardOf(x)).includes('Termin abgelehnt'),
    );
    const card = cardOf(notice)!;
    expect(cardText(card)).toContain('Erika Mustermann');
    const buttons = executes(card);
    expect(buttons.map((b) => b.title)).toEqual(['Absagen und Zeit freigeben', 'Termin behalten', 'Ich rufe an']);

    const pressed = await h.invoke({ verb: 'reply.decide', data: buttons[0]!.data }, jonas());
    expect(pressed.status).toBe(200);
    const done = (pressed.body as { value: unknown }).value;
    expect(cardText(done)).toContain('Abgesagt, die Zeit ist wieder frei');
    expect(executes(done)).toHaveLength(0);
    expect(await store.get(a.id)).toMatchObject({ status: 'cancelled', sequence: 1 });

    await smtp.waitUntil((mails) =>
      mails.some((m) => m.to.includes('erika@example.org') && calendarOf(m.raw)?.method === 'CANCEL'),
    );
    const cancel = smtp.mails.find(
      (m) => m.to.includes('erika@example.org') && calendarOf(m.raw)?.method === 'CANCEL',
    )!;
    expect(readInvitation(calendarOf(cancel.raw)!.ics)).toMatchObject({ method: 'CANCEL', uid: a.uid, sequence: 1 });

    // The same card pressed again changes nothing.
    const again = await h.invoke({ verb: 'reply.decide', data: buttons[1]!.data }, jonas());
    expect(cardText((again.body as { value: unknown }).value)).toContain('inzwischen geändert oder abgesagt');
  });

  it('ACCEPTED shows ✓ and TENTATIVE shows "vorläufig" in the agenda; "keep" after a decline is noted', async () => {
    const accepted = await book('appt_e2eaccept', '10:00', 'max@example.org');
    const tentative = await book('appt_e2etentative', '11:00', 'hanna@example.org');
    const kept = await book('appt_e2ekeep', '12:00', 'paul@example.org');
    await imap.append(answer(accepted, 'ACCEPTED', 'gmail'));
    await imap.append(answer(tentative, 'TENTATIVE', 'apple'));
    await imap.append(answer(kept, 'DECLINED', 'thunderbird'));
    await h.app.mailbox.poll();

    const conversationId = `a:personal-${jonas().aadObjectId}`;
    const notice = await h.connector.waitFor(
      (x) =>
        x.conversationId === conversationId &&
        !!cardOf(x) &&
        executes(cardOf(x)).some((b) => b.data.appointmentId === kept.id),
    );
    const keep = executes(cardOf(notice)).find((b) => b.title === 'Termin behalten')!;
    const res = await h.invoke({ verb: 'reply.decide', data: keep.data }, jonas());
    expect(cardText((res.body as { value: unknown }).value)).toContain('Der Termin bleibt bestehen');

    const agenda = await h.invoke(
      { verb: 'agenda.show', data: { range: { kind: 'date', date: '2026-03-04' } } },
      jonas(),
    );
    const text = cardText((agenda.body as { value: unknown }).value);
    expect(text).toContain('Abmeldung · ✓ zugesagt');
    expect(text).toContain('? vorläufig zugesagt');
    expect(text).toContain('✗ abgelehnt (bleibt)');
  });

  it('COUNTER: Jonas gets the proposed time as a card; "Vorschlag annehmen" moves it and mails the REQUEST (SEQUENCE 1)', async () => {
    const a = await book('appt_e2ecounter', '13:00', 'lena@example.org');
    await imap.append(
      replyMail('outlook', {
        method: 'COUNTER',
        uid: a.uid,
        sequence: a.sequence,
        partstat: 'TENTATIVE',
        attendee: a.citizen.email!,
        start: a.start + 3600_000,
        end: a.end + 3600_000,
        stamp: clock.now(),
        comment: 'Mittags kann ich nicht.',
      }),
    );
    await h.app.mailbox.poll();
    const conversationId = `a:personal-${jonas().aadObjectId}`;
    const notice = await h.connector.waitFor(
      (x) =>
        x.conversationId === conversationId &&
        !!cardOf(x) &&
        executes(cardOf(x)).some((b) => b.data.appointmentId === a.id && b.data.verb === 'reply.proposal'),
    );
    const card = cardOf(notice)!;
    expect(cardText(card)).toContain('Neuer Terminvorschlag');
    expect(cardText(card)).toContain('„Mittags kann ich nicht.“');
    const accept = executes(card).find((b) => b.title === 'Vorschlag annehmen')!;
    const res = await h.invoke({ verb: 'reply.proposal', data: accept.data }, jonas());
    expect(cardText((res.body as { value: unknown }).value)).toContain('Verschoben auf');
    expect(await store.get(a.id)).toMatchObject({ status: 'booked', start: a.start + 3600_000, sequence: 1 });

    await smtp.waitUntil((mails) =>
      mails.some(
        (m) =>
          m.to.includes('lena@example.org') &&
          calendarOf(m.raw)?.method === 'REQUEST' &&
          readInvitation(calendarOf(m.raw)!.ics).sequence === 1,
      ),
    );
    // No automatic DECLINECOUNTER any more: the staff member answered.
    expect(
      smtp.mails.some((m) => m.to.includes('lena@example.org') && calendarOf(m.raw)?.method === 'DECLINECOUNTER'),
    ).toBe(false);
  });
});
