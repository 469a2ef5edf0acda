/**
 * Group chats and channels never see citizen data: there the bot answers help and the supervisors'
 * summary (without names); agenda, booking and every other command or button are answered in the
 * person's personal chat. Proactive messages to a person go only to the personal chat, even when the
 * person wrote in a group chat last.
 */
import type { Activity } from 'botbuilder';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import {
  HARNESS_TENANT_ID,
  startTeamsHarness,
  textOf,
  type TeamsHarness,
  type TeamsUser,
} from '../support/teams-harness';
import { bookThroughCards } from './flows/support';

jest.setTimeout(60_000);

const GROUP = '19:group-chat-of-the-buergerbuero@thread.v2';
const CHANNEL = '19:general@thread.tacv2';

describe('shared conversations', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(localDateTime('2026-12-08', '07:30'));

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'shared-conversations', clock, outboxWorker: false });
    // Jonas uses the bot personally and books an appointment with a citizen.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      citizen: {
        citizenName: 'Greta Geheim',
        citizenEmail: 'greta@example.org',
        citizenPhone: '0511 4711',
        citizenLanguage: 'de',
      },
    });
    await h.say('hilfe', h.user('anna-schulz'));
  });
  afterAll(async () => {
    await h.close();
  });

  const inShared = (user: TeamsUser, extra: Partial<Activity>, id = GROUP) => {
    const a = h.activity(user, extra);
    a.conversation = {
      id,
      conversationType: id === GROUP ? 'groupChat' : 'channel',
      isGroup: true,
      tenantId: HARNESS_TENANT_ID,
      name: '',
    };
    return a;
  };
  const personal = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;
  const citizenData = /Greta|greta@example\.org|4711/;

  it('answers an agenda asked for in a group chat in the personal chat, and only a note in the group', async () => {
    const jonas = h.user();
    const sent = h.connector.activities.length;
    const res = await h.send(inShared(jonas, { type: 'message', text: 'meine termine' }));
    expect(res.status).toBe(200);
    const inGroup = h.connector.activities.slice(sent).filter((a) => a.conversationId === GROUP);
    expect(inGroup.map(textOf).join('\n')).toMatch(/persönlichen Chat/);
    expect(inGroup.map(textOf).join('\n')).not.toMatch(citizenData);
    const inPersonal = h.connector.activities.slice(sent).filter((a) => a.conversationId === personal(jonas));
    expect(inPersonal.map(textOf).join('\n')).toMatch(/Greta Geheim/);
  });

  it('answers a card button pressed in a channel in the personal chat', async () => {
    const jonas = h.user();
    const sent = h.connector.activities.length;
    const res = await h.send(
      inShared(
        jonas,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: { type: 'Action.Execute', verb: 'agenda.show', data: { range: { kind: 'week', offsetWeeks: 0 } } },
          },
        },
        CHANNEL,
      ),
    );
    const body = res.body as { type?: string; value?: unknown };
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toMatch(/persönlichen Chat/);
    const after = h.connector.activities.slice(sent);
    expect(after.filter((a) => a.conversationId === CHANNEL)).toEqual([]);
    expect(
      after
        .filter((a) => a.conversationId === personal(jonas))
        .map(textOf)
        .join('\n'),
    ).toMatch(/Greta Geheim/);
  });

  it('answers help in the group itself', async () => {
    const res = await h.send(inShared(h.user(), { type: 'message', text: 'hilfe' }));
    expect(res.replies.map((r) => r.conversationId)).toEqual([GROUP]);
    expect(res.replies.map(textOf).join('\n')).toMatch(/Termin buchen/);
  });

  it('shows supervisors the summary in the group without names, and the full one in the personal chat', async () => {
    const anna = h.user('anna-schulz');
    const shared = await h.send(inShared(anna, { type: 'message', text: 'tagesübersicht' }));
    const sharedText = shared.replies.map(textOf).join('\n');
    expect(shared.replies.map((r) => r.conversationId)).toEqual([GROUP]);
    expect(sharedText).toMatch(/Tagesübersicht/);
    expect(sharedText).not.toMatch(/Jonas Becker|Mitarbeitende/);
    expect(sharedText).not.toMatch(citizenData);
    const own = (await h.say('tagesübersicht', anna)).map(textOf).join('\n');
    expect(own).toMatch(/Jonas Becker/);
  });

  it('asks someone without a personal chat to open one, and shows nothing', async () => {
    const peter = h.user('peter-klein');
    const res = await h.send(inShared(peter, { type: 'message', text: 'meine termine' }));
    expect(res.replies.map(textOf).join('\n')).toMatch(/persönlichen Chat/);
    expect(h.connector.activities.filter((a) => a.conversationId === personal(peter))).toEqual([]);
  });

  it('sends proactive messages to the personal chat even when the person wrote in a group last', async () => {
    const jonas = h.user();
    await h.send(inShared(jonas, { type: 'message', text: 'hilfe' }));
    const result = await h.app.proactive.sendToStaff('jonas-becker', { text: 'Ihr Termin um 10:30 beginnt gleich.' });
    expect(result).toBe('sent');
    const notice = await h.connector.waitFor((a) => a.text === 'Ihr Termin um 10:30 beginnt gleich.');
    expect(notice.conversationId).toBe(personal(jonas));
  });
});
