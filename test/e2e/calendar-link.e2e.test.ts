/**
 * "Mein Kalender" through the bot (the whole app, Teams over real HTTP): the staff member gets their
 * calendar feed link in the personal chat, the link works over HTTP, "Neuen Link erstellen" gives a
 * new one and the old one stops working at once (410); in a group chat the bot only asks to use the
 * personal chat and shows no link.
 */
import type { Activity } from 'botbuilder';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import {
  cardOf,
  HARNESS_TENANT_ID,
  startTeamsHarness,
  textOf,
  type TeamsHarness,
  type TeamsUser,
} from '../support/teams-harness';
import { ICAL, seed } from './support';

const GROUP = '19:group-chat-of-the-buergerbuero@thread.v2';
const FEED_URL = /https?:\/\/\S+?\/feed\/[a-z0-9-]+\/[A-Za-z0-9_-]{43}\.ics/;

/** The Action.Execute buttons of a card. */
function buttons(card: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const actions = (card as { actions?: { type: string; title: string; verb: string; data: Record<string, unknown> }[] })
    .actions;
  return (actions ?? []).filter((a) => a.type === 'Action.Execute');
}
const cardText = (card: unknown) =>
  textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });

describe('"Mein Kalender": the calendar feed link in the bot, renewable', () => {
  const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'e2e-calendar-link', clock, outboxWorker: false });
    await seed(new AppointmentStore(h.redis, clock), h.directory, clock, {
      id: 'appt_e2efeed',
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-04',
      time: '09:00',
      citizen: 'Erika Mustermann',
      email: 'erika@example.org',
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const feed = (url: string) => fetch(h.baseUrl + new URL(url).pathname);
  const inGroup = (user: TeamsUser, extra: Partial<Activity>) => {
    const a = h.activity(user, extra);
    a.conversation = { id: GROUP, conversationType: 'groupChat', isGroup: true, tenantId: HARNESS_TENANT_ID, name: '' };
    return a;
  };

  it('shows the link with Outlook instructions in the personal chat; the link serves the feed', async () => {
    const [reply] = await h.say('Mein Kalender', h.user('jonas-becker'));
    const card = cardOf(reply!)!;
    const text = cardText(card);
    expect(text).toContain('Mein Kalender');
    expect(text).toContain('Kalender hinzufügen → Aus dem Internet');
    const url = FEED_URL.exec(text)![0];
    expect(url).toContain('/feed/jonas-becker/');
    expect(buttons(card).map((b) => b.title)).toEqual(['Neuen Link erstellen']);

    const res = await feed(url);
    expect(res.status).toBe(200);
    const cal = ICAL.Component.fromString(await res.text());
    const uids = cal.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('uid')));
    expect(uids).toContain('appt_e2efeed@sprechstunde');

    // English, and typed the other way round.
    const [en] = await h.say('my calendar', h.user('jonas-becker'), { locale: 'en-GB' });
    expect(cardText(cardOf(en!))).toContain('Add calendar → From internet');
    expect(FEED_URL.exec(cardText(cardOf(en!)))![0]).toBe(url);
  });

  it('"Neuen Link erstellen" (one tap) gives a new link and revokes the old one at once', async () => {
    const jonas = h.user('jonas-becker');
    const [reply] = await h.say('mein kalender', jonas);
    const oldUrl = FEED_URL.exec(cardText(cardOf(reply!)))![0];
    const renew = buttons(cardOf(reply!))[0]!;

    const pressed = await h.invoke({ verb: renew.verb, data: renew.data }, jonas);
    expect(pressed.status).toBe(200);
    const card = (pressed.body as { value: unknown }).value;
    expect(cardText(card)).toContain('Neuer Link erstellt');
    const newUrl = FEED_URL.exec(cardText(card))![0];
    expect(newUrl).not.toBe(oldUrl);

    expect((await feed(newUrl)).status).toBe(200);
    const old = await feed(oldUrl);
    expect(old.status).toBe(410);
    expect(await old.text()).not.toContain('BEGIN:VCALENDAR');
    // The command shows the new link from now on; a made-up token is simply not found.
    expect(FEED_URL.exec(cardText(cardOf((await h.say('mein kalender', jonas))[0]!)))![0]).toBe(newUrl);
    expect((await feed(newUrl.replace(/[A-Za-z0-9_-]{43}\.ics$/, `${'B'.repeat(43)}.ics`))).status).toBe(404);
    // Another colleague's link is untouched.
    const [katrin] = await h.say('mein kalender', h.user('katrin-hoffmann'));
    expect((await feed(FEED_URL.exec(cardText(cardOf(katrin!)))![0])).status).toBe(200);
  });

  it('in a group chat: only "please use the personal chat", no link anywhere', async () => {
    const jonas = h.user('jonas-becker');
    const sent = h.connector.activities.length;
    const res = await h.send(inGroup(jonas, { type: 'message', text: 'Mein Kalender' }));
    expect(res.status).toBe(200);
    const after = h.connector.activities.slice(sent);
    expect(after.map((a) => a.conversationId)).toEqual([GROUP]);
    expect(textOf(after[0]!)).toContain('nur im persönlichen Chat');
    expect(after.map((a) => JSON.stringify(a)).join('\n')).not.toMatch(/\/feed\//);
  });
});
