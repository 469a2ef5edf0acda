/** Booking in Teams over real HTTP /api/messages, real Redis: the whole flow, conflicts, retries, tampering. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime, MINUTE } from '../../../src/domain/time';
import { keys } from '../../../src/store/keys';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';
import { actionsOf, appointmentsOf, bookThroughCards, cardText, command, outboxEntries, press } from './support';

// Tuesday of a week in which Bürgerbüro team A (Jonas Becker) is on site.
const START = localDateTime('2026-12-08', '07:30');

describe('booking in Teams', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'flow-book', clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('books service → channel → slot → details → confirm; the appointment is stored and the invitation is in the outbox', async () => {
    let card = await command(h, 'Termin buchen');
    expect(cardText(card)).toContain('Welches Anliegen?');
    // "Bei wem?" → "Bei mir" (the default is everyone; see the pooled tests).
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: 'jonas-becker' },
    });
    expect(
      actionsOf(card)
        .filter((a) => a.verb === 'book.slots')
        .map((a) => a.data.channel),
    ).toEqual(['in-person', 'phone']);
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    expect(cardText(card)).toContain('Freie Termine');
    const slot = actionsOf(card).find((a) => a.verb === 'book.hold')!;
    // Minimum notice of 60 minutes: the first slot is 08:30 at the earliest.
    expect(Number(slot.data.start)).toBeGreaterThanOrEqual(START + 60 * MINUTE);
    const details = await press(h, card, 'book.hold', { where: (a) => a === slot || a.data.start === slot.data.start });
    expect(cardText(details)).toContain('Angaben zur Bürgerin');

    // Details and review on one card: one final button.
    expect(actionsOf(details).map((a) => a.verb)).toContain('book.submit');
    expect(cardText(details)).toContain('Verbindlich buchen');

    // Half filled (no phone number for a phone consultation): the form comes back, nothing is booked.
    const again = await press(h, details, 'book.submit', {
      inputs: { citizenName: 'Erika Mustermann', citizenEmail: 'erika@example.org', citizenPhone: '' },
    });
    expect(cardText(again)).toContain('Bitte prüfen Sie die markierten Angaben');
    expect(cardText(again)).toContain('Bitte eine Telefonnummer angeben.');
    expect(await appointmentsOf(h, 'jonas-becker')).toHaveLength(0);

    const confirmation = await press(h, again, 'book.submit', {
      inputs: {
        citizenName: 'Erika Mustermann',
        citizenEmail: 'erika@example.org',
        citizenPhone: '+49 5137 12345',
        citizenLanguage: 'de',
      },
    });
    const text = cardText(confirmation);
    expect(text).toContain('einen Link zum Verschieben oder Absagen');
    expect(text).toContain('erika@example.org');
    // Booked for the same morning: inside the 24-hour reminder window, so no reminder is promised.
    expect(text).not.toContain('Erinnerung');
    expect(text).toContain('Termin gebucht');
    expect(text).toContain('Sie rufen Erika Mustermann unter 05137 12345 an');
    expect(actionsOf(confirmation).map((a) => a.verb)).not.toContain('book.confirm');

    const [appointment] = await appointmentsOf(h, 'jonas-becker');
    expect(appointment).toMatchObject({
      status: 'booked',
      serviceId: 'kfz',
      channel: 'phone',
      start: Number(slot.data.start),
      citizen: { name: 'Erika Mustermann', phone: '+49513712345' },
    });
    const outbox = await outboxEntries(h);
    expect(outbox).toContainEqual({
      key: `${appointment!.id}:citizen-invitation:0`,
      msg: { kind: 'citizen-invitation', appointmentId: appointment!.id, sequence: 0, reason: 'booked' },
    });
  });

  it('creates the video link before the invitation is queued, so the first mail carries it', async () => {
    const { confirmation } = await bookThroughCards(h, { serviceId: 'meldewesen', channel: 'video' });
    const link = cardText(confirmation).match(/https:\/\/meet\.jit\.si\/\S+/)?.[0];
    expect(link).toBeTruthy();
    const appointment = (await appointmentsOf(h, 'jonas-becker')).find((a) => a.channel === 'video')!;
    expect(appointment.meetingUrl).toBe(link);
    // The worker delivers it: the .eml has the link.
    const mailDir = join(tmpdir(), 'sprechstunde-mail-flow-book');
    rmSync(mailDir, { recursive: true, force: true });
    await h.app.outbox.ensureGroup();
    await h.app.outbox.runOnce();
    const mails = readdirSync(mailDir).map((f) => readFileSync(join(mailDir, f), 'utf8'));
    expect(mails.some((m) => m.includes('erika@example.org') && m.includes(link as string))).toBe(true);
  });

  it('offers the next free slots in plain words when someone else took the slot between hold and confirm', async () => {
    const user = h.user();
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'auskunft',
      inputs: { forStaffId: 'jonas-becker' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'phone' });
    // Not the very first one: minimum notice must still allow it after the wait below.
    const slot = actionsOf(card).filter((a) => a.verb === 'book.hold')[2]!;
    const details = await press(h, card, 'book.hold', { where: (a) => a.data.start === slot.data.start });
    const max = {
      citizenName: 'Max Muster',
      citizenEmail: 'max@example.org',
      citizenPhone: '0511 123456',
      citizenLanguage: 'de',
    };

    // While the first hold holds, the supervisor cannot take the slot for Jonas …
    const anna = h.user('anna-schulz');
    let other = await press(h, await command(h, 'Termin buchen', anna), 'book.service', {
      user: anna,
      where: (a) => a.data.serviceId === 'auskunft',
      inputs: { forStaffId: 'jonas-becker' },
    });
    other = await press(h, other, 'book.slots', { user: anna, where: (a) => a.data.channel === 'phone' });
    expect(
      actionsOf(other)
        .filter((a) => a.verb === 'book.hold')
        .map((a) => a.data.start),
    ).not.toContain(slot.data.start);

    // … but once it expired (Jonas took too long), she books it.
    clock.advance(6 * MINUTE);
    const annaHold = await h.invoke(
      {
        verb: 'book.hold',
        data: { forStaffId: 'jonas-becker', serviceId: 'auskunft', channel: 'phone', start: slot.data.start },
      },
      anna,
    );
    const annaDetails = (annaHold.body as { value: Record<string, unknown> }).value;
    const annaBooked = await press(h, annaDetails, 'book.submit', {
      user: anna,
      inputs: {
        citizenName: 'Sara Schnell',
        citizenEmail: 'sara@example.org',
        citizenPhone: '0511 999',
        citizenLanguage: 'de',
      },
    });
    expect(cardText(annaBooked)).toContain('Termin gebucht');

    const before = (await appointmentsOf(h, 'jonas-becker')).length;
    const answer = await press(h, details, 'book.submit', { user, inputs: max });
    const text = cardText(answer);
    expect(text).toContain('Die gewählte Zeit ist inzwischen vergeben. Hier sind die nächsten freien Termine.');
    const offered = actionsOf(answer).filter((a) => a.verb === 'book.hold');
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.map((a) => a.data.start)).not.toContain(slot.data.start);
    expect((await appointmentsOf(h, 'jonas-becker')).length).toBe(before);
  });

  it('books once when confirm is double-clicked', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: 'jonas-becker' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'in-person' });
    const details = await press(h, card, 'book.hold', { where: () => true });
    const inputs = { citizenName: 'Doppel Klick', citizenEmail: 'doppel@example.org', citizenLanguage: 'de' };
    const before = (await appointmentsOf(h, 'jonas-becker')).length;
    const [a, b] = await Promise.all([
      press(h, details, 'book.submit', { inputs }),
      press(h, details, 'book.submit', { inputs }),
    ]);
    expect(cardText(a)).toContain('Termin gebucht');
    expect(cardText(b)).toContain('Termin gebucht');
    const after = await appointmentsOf(h, 'jonas-becker');
    expect(after.length).toBe(before + 1);
    const booked = after.filter((x) => x.citizen.email === 'doppel@example.org');
    expect(booked).toHaveLength(1);
    expect((await outboxEntries(h)).filter((e) => e.msg.appointmentId === booked[0]!.id)).toHaveLength(1);
  });

  it('answers a second press of the same form after the first one booked with the booking, not a duplicate warning', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', {
      where: (a) => a.data.serviceId === 'kfz',
      inputs: { forStaffId: 'jonas-becker' },
    });
    card = await press(h, card, 'book.slots', { where: (a) => a.data.channel === 'in-person' });
    const details = await press(h, card, 'book.hold', { where: () => true });
    const inputs = { citizenName: 'Zweimal Gedrueckt', citizenEmail: 'zweimal@example.org', citizenLanguage: 'de' };
    const first = await press(h, details, 'book.submit', { inputs });
    expect(cardText(first)).toContain('Termin gebucht');
    // Teams was slow to replace the card: the same form is pressed again once the first press has booked.
    const second = await press(h, details, 'book.submit', { inputs });
    expect(cardText(second)).toContain('Termin gebucht');
    expect(cardText(second)).not.toContain('hat schon einen Termin');
    const booked = (await appointmentsOf(h, 'jonas-becker')).filter((x) => x.citizen.email === 'zweimal@example.org');
    expect(booked).toHaveLength(1);
  });

  it('still books from a details card of the two-step form (book.details → review → book.confirm) left in a chat', async () => {
    let card = await command(h, 'Termin buchen');
    card = await press(h, card, 'book.service', { where: (a) => a.data.serviceId === 'ausweis' });
    const details = await press(h, card, 'book.hold');
    const submit = actionsOf(details).find((a) => a.verb === 'book.submit')!;
    const res = await h.invoke({
      verb: 'book.details',
      data: { ...submit.data, citizenName: 'Alt Karte', citizenEmail: 'alt@example.org', citizenLanguage: 'de' },
    });
    const review = (res.body as { value: Record<string, unknown> }).value;
    expect(cardText(review)).toContain('Bitte prüfen und buchen');
    expect(cardText(review)).toContain('alt@example.org');
    expect(cardText(await press(h, review, 'book.confirm'))).toContain('Termin gebucht');
  });

  it('refuses tampered card data with a readable card and writes nothing', async () => {
    const { details, citizen } = await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
    const submit = actionsOf(details).find((a) => a.verb === 'book.submit')!;
    const confirm = { data: { ...submit.data, ...citizen } };
    const countBefore = await h.redis.xlen(keys.outbox());
    const peterBefore = (await appointmentsOf(h, 'peter-klein')).length;

    // Booking into a colleague's calendar of another department.
    const foreign = await h.invoke({
      verb: 'book.confirm',
      data: { ...confirm.data, forStaffId: 'peter-klein', staffId: 'peter-klein', clientKey: 'ck_tampered_0000000001' },
    });
    expect(cardText((foreign.body as { value: Record<string, unknown> }).value)).toContain('Das dürfen Sie nicht');
    // A start that is not a number, an email that is none, an unknown verb shape.
    for (const data of [
      { ...confirm.data, start: 'morgen' },
      { ...confirm.data, citizenEmail: 'keine-mail' },
      { ...confirm.data, channel: 'fax' },
    ]) {
      const res = await h.invoke({ verb: 'book.confirm', data });
      expect(cardText((res.body as { value: Record<string, unknown> }).value)).toContain('Es wurde nichts gespeichert');
    }
    expect(await h.redis.xlen(keys.outbox())).toBe(countBefore);
    expect((await appointmentsOf(h, 'peter-klein')).length).toBe(peterBefore);
  });

  it('answers an Action.Submit by updating the pressed card in place', async () => {
    const cardActivityId = 'card-activity-1';
    const turn = await h.send(
      h.activity(h.user(), { type: 'message', value: { verb: 'book.start' }, replyToId: cardActivityId }),
    );
    expect(turn.status).toBe(200);
    const update = h.connector.updates.find((u) => u.id === cardActivityId);
    expect(update).toBeDefined();
    expect(JSON.stringify(update!.attachments)).toContain('Welches Anliegen?');
  });

  it('answers in English for an English Teams locale', async () => {
    const replies = await h.say('book', h.user(), { locale: 'en-US' });
    expect(JSON.stringify(replies)).toContain('Which service?');
  });
});

describe('booking when the meeting provider fails', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(START);
  let calls = 0;
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'flow-book-meeting',
      clock,
      outboxWorker: false,
      // Down at booking time, back when the outbox worker sends the invitation.
      meetings: {
        createMeeting: async () => {
          calls += 1;
          if (calls === 1) throw new Error('provider down');
          return { joinUrl: `https://video.example/room-${calls}` };
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('books anyway, says so on the card, and the invitation still carries a link', async () => {
    const { confirmation } = await bookThroughCards(h, { serviceId: 'meldewesen', channel: 'video' });
    expect(cardText(confirmation)).toContain('Der Video-Link konnte gerade nicht erstellt werden');
    const [appointment] = await appointmentsOf(h, 'jonas-becker');
    expect(appointment!.meetingUrl).toBeUndefined();
    const mailDir = join(tmpdir(), 'sprechstunde-mail-flow-book-meeting');
    rmSync(mailDir, { recursive: true, force: true });
    await h.app.outbox.ensureGroup();
    await h.app.outbox.runOnce();
    expect((await h.app.services.staff.appointments.get(appointment!.id))!.meetingUrl).toBe(
      'https://video.example/room-2',
    );
    const mails = readdirSync(mailDir).map((f) => readFileSync(join(mailDir, f), 'utf8'));
    expect(mails.some((m) => m.includes('erika@example.org') && m.includes('https://video.example/room-2'))).toBe(true);
  });
});
