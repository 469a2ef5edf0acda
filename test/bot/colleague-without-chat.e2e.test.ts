/**
 * A colleague who never opened the bot still learns of a booking made for them: where Graph is
 * configured the app is installed for them and the notice arrives in the new personal chat;
 * otherwise it is mailed to them, waits for their first turn, and the supervisors' summary counts it.
 * Over real HTTP (teams-harness) with the Graph stand-in; nothing is dropped silently.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { GraphStandIn } from '../calendars/graph-stand-in';
import { startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { bookThroughCards, cardText, command } from './flows/support';

jest.setTimeout(90_000);

const TODAY = '2026-12-08';
const CATALOG_ID = 'b3f2c1d0-catalog-sprechstunde';

async function drain(h: TeamsHarness): Promise<void> {
  await h.app.outbox.ensureGroup();
  while ((await h.app.outbox.runOnce()).delivered > 0);
}

describe('with Graph: the app is installed for the colleague and the notice reaches their new chat', () => {
  const graph = new GraphStandIn();
  let h: TeamsHarness;

  beforeAll(async () => {
    await graph.start();
    graph.teamsApps.add(CATALOG_ID);
    h = await startTeamsHarness({
      label: 'colleague-graph',
      clock: new ManualClock(localDateTime(TODAY, '07:30')),
      outboxWorker: false,
      env: {
        GRAPH_TENANT_ID: 'seelze',
        GRAPH_CLIENT_ID: 'sprechstunde',
        GRAPH_CLIENT_SECRET: 'secret',
        GRAPH_BASE_URL: graph.baseUrl,
        GRAPH_LOGIN_URL: graph.url,
        TEAMS_APP_CATALOG_ID: CATALOG_ID,
        TEAMS_SERVICE_URL: '{connector}',
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await graph.stop();
  });

  it('tells Katrin Hoffmann "Für Sie gebucht" in the chat the installation opened, once', async () => {
    const katrin = h.directory.staff.find((s) => s.id === 'katrin-hoffmann')!;
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone', forStaffId: katrin.id });
    await drain(h);

    expect(graph.installations.get(katrin.aadObjectId)?.size).toBe(1);
    const notice = await h.connector.waitFor((a) => a.text?.startsWith('Für Sie gebucht von Jonas Becker') ?? false);
    expect(notice.conversationId).toBe(GraphStandIn.chatId(katrin.aadObjectId));

    // The next booking for her (another citizen) uses the stored conversation: no second installation.
    await bookThroughCards(h, {
      serviceId: 'kfz',
      channel: 'phone',
      forStaffId: katrin.id,
      slotIndex: 1,
      citizen: { citizenName: 'Max Meier', citizenPhone: '0511 654321', citizenLanguage: 'de' },
    });
    await drain(h);
    expect(graph.calls.installApp).toBe(1);
    const notices = h.connector.activities.filter(
      (a) => a.conversationId === notice.conversationId && a.text?.startsWith('Für Sie gebucht'),
    );
    expect(notices).toHaveLength(2);

    const summary = await command(h, 'tagesübersicht', h.user('anna-schulz'));
    expect(cardText(summary)).not.toContain('Nachrichten nur per Mail');
  });
});

describe('without Graph: the notice is mailed, waits for the first turn and is counted on the summary', () => {
  const label = 'colleague-mail';
  const mailDir = join(tmpdir(), `sprechstunde-mail-${label}`);
  let h: TeamsHarness;

  beforeAll(async () => {
    rmSync(mailDir, { recursive: true, force: true });
    h = await startTeamsHarness({ label, clock: new ManualClock(localDateTime(TODAY, '07:30')), outboxWorker: false });
  });
  afterAll(() => h.close());

  it('mails Tobias Krüger, counts it for Anna Schulz, and shows it when he opens the bot', async () => {
    const tobias = h.directory.staff.find((s) => s.id === 'tobias-krueger')!;
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone', forStaffId: tobias.id });
    await drain(h);

    const mails = await Promise.all(readdirSync(mailDir).map((f) => simpleParser(readFileSync(join(mailDir, f)))));
    const notice = mails.find((m) => m.subject === 'Sprechstunde: eine Nachricht für Sie');
    expect(notice?.to && 'text' in notice.to ? notice.to.text : '').toContain(tobias.upn);
    expect(notice?.text).toContain('Für Sie gebucht von Jonas Becker');
    expect(notice?.text).toContain('Öffnen Sie die App „Sprechstunde“ in Teams');

    const anna = h.user('anna-schulz');
    let summary = cardText(await command(h, 'tagesübersicht', anna));
    expect(summary).toContain('Nachrichten nur per Mail (Teams: 1 Person noch nicht erreichbar)');

    // His first turn: the notice before the answer to what he wrote; then it is gone.
    const first = (await h.say('hilfe', h.user(tobias.id))).map(textOf).join('\n');
    expect(first).toContain(
      'Per Mail an Sie gegangen, solange Sie die Sprechstunde noch nicht geöffnet hatten (1 Nachricht)',
    );
    expect(first).toContain('Für Sie gebucht von Jonas Becker');
    const second = (await h.say('hilfe', h.user(tobias.id))).map(textOf).join('\n');
    expect(second).not.toContain('Für Sie gebucht von Jonas Becker');
    summary = cardText(await command(h, 'tagesübersicht', anna));
    expect(summary).not.toContain('Nachrichten nur per Mail');
  });
});
