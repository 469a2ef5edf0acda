import { cardOf, startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { keys } from '../../src/store/keys';

describe('Teams bot over real HTTP (auth off)', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'bot-e2e' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers a Teams message at the local serviceUrl', async () => {
    const turn = await h.send(h.activity(h.user(), { type: 'message', text: 'hilfe' }));
    expect(turn.status).toBe(200);
    expect(turn.replies).toHaveLength(1);
    expect(turn.replies[0]!.conversationId).toBe(turn.activity.conversation!.id);
  });

  it('answers a 200,000-character message politely without parsing it', async () => {
    const replies = await h.say(`termin buchen ${'x'.repeat(200_000)}`);
    expect(replies.map(textOf).join('\n')).toContain(
      'Ihre Nachricht ist zu lang für einen Befehl (höchstens 2000 Zeichen)',
    );
    expect(replies).toHaveLength(1);
  });

  it('answers "hilfe" with the help card in German', async () => {
    const [reply] = await h.say('hilfe');
    const card = cardOf(reply!);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(textOf(reply!)).toContain('Termin buchen');
    expect(textOf(reply!)).toContain('Meine Termine');
  });

  it('answers "help" in English for an English Teams locale', async () => {
    const [reply] = await h.say('help', h.user(), { locale: 'en-US' });
    expect(textOf(reply!)).toContain('What I can do for you');
    expect(textOf(reply!)).toContain('Book');
  });

  it('shows the summary command only to supervisors', async () => {
    const [staffReply] = await h.say('hilfe');
    const [supervisorReply] = await h.say('hilfe', h.user('anna-schulz'));
    expect(textOf(staffReply!)).not.toContain('Tagesübersicht');
    expect(textOf(supervisorReply!)).toContain('Tagesübersicht');
  });

  it('welcomes a staff member by name when the app is installed, once', async () => {
    const user = h.user('leonie-wagner');
    const replies = await h.install(user);
    expect(textOf(replies[0]!)).toContain('Willkommen bei der Sprechstunde, Leonie Wagner!');
    expect(cardOf(replies[1]!)).toBeDefined();
    const again = await h.send(h.activity(user, { type: 'installationUpdate', action: 'add' }));
    expect(again.replies).toHaveLength(0);
  });

  it('welcomes in English for an English locale', async () => {
    const replies = await h.install(h.user('stefan-braun'), { locale: 'en-GB' });
    expect(textOf(replies[0]!)).toContain('Welcome to Sprechstunde, Stefan Braun!');
  });

  it('refuses a user who is not in the directory and names the supervisors to contact', async () => {
    const [reply] = await h.say('hilfe', h.stranger());
    expect(reply!.text).toContain('nicht als Mitarbeiterin oder Mitarbeiter eingetragen');
    expect(reply!.text).toContain('Anna Schulz');
    expect(reply!.text).toContain('Maria Lange');
    expect(await h.redis.exists(keys.conversationRef(h.stranger().aadObjectId))).toBe(0);
  });

  it('stores the conversation reference of a staff member and refreshes a changed serviceUrl', async () => {
    const user = h.user('peter-klein');
    await h.say('hilfe', user);
    const ref = await h.app.services.conversationRefs.get(user.aadObjectId);
    expect(ref).toMatchObject({
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      user: { aadObjectId: user.aadObjectId },
    });

    const moved = h.activity(user, { type: 'message', text: 'hilfe', serviceUrl: `${h.connector.url}moved/` });
    await h.send(moved);
    expect((await h.app.services.conversationRefs.get(user.aadObjectId))!.serviceUrl).toBe(`${h.connector.url}moved/`);
  });

  it('processes a re-delivered activity (same id) only once', async () => {
    const activity = h.activity(h.user(), { type: 'message', text: 'hilfe' });
    const first = await h.send(activity);
    const second = await h.send(activity);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(h.connector.activities.filter((a) => a.replyToId === activity.id)).toHaveLength(1);
  });

  it('does not understand gibberish and shows the help card', async () => {
    const [reply] = await h.say('qwxz blorp');
    expect(reply!.text).toContain('nicht verstanden');
    expect(cardOf(reply!)).toBeDefined();
  });

  it('answers an unknown Action.Execute verb with a message instead of failing', async () => {
    const res = await h.invoke({ verb: 'no.such.verb' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
  });
});

describe('Teams bot with TEAMS_TENANT_ID', () => {
  let h: TeamsHarness;
  const ours = '11111111-2222-3333-4444-555555555555';
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'bot-tenant', env: { TEAMS_TENANT_ID: ours } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses an activity from another tenant and stores nothing', async () => {
    const [reply] = await h.say('hilfe', h.user(), { tenantId: 'aaaaaaaa-0000-0000-0000-000000000000' });
    expect(reply!.text).toContain('nur Beschäftigten von Stadt Seelze');
    expect(await h.app.services.conversationRefs.get(h.user().aadObjectId)).toBeNull();
  });

  it('serves the configured tenant', async () => {
    const [reply] = await h.say('hilfe', h.user(), { tenantId: ours });
    expect(cardOf(reply!)).toBeDefined();
  });
});
