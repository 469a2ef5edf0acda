/**
 * A reported absence must not vanish when the team's supervisor has never opened the bot: the staff
 * member is told the truth, the alert goes to the other supervisors and by mail to the
 * organisation's mailbox, and it stays an open problem in the summary until a supervisor marks it done.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { bookThroughCards, cardText, command, press } from './flows/support';

jest.setTimeout(60_000);

const TODAY = '2026-12-08';
const LABEL = 'undeliverable-alerts';
const MAIL_DIR = join(tmpdir(), `sprechstunde-mail-${LABEL}`);

describe('an absence alert nobody addressed can receive', () => {
  let h: TeamsHarness;
  const clock = new ManualClock(localDateTime(TODAY, '07:30'));

  beforeAll(async () => {
    rmSync(MAIL_DIR, { recursive: true, force: true });
    h = await startTeamsHarness({ label: LABEL, clock, outboxWorker: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('tells the staff member the truth, reaches another supervisor and the mailbox, and stays open until done', async () => {
    const maria = h.user('maria-lange');
    await h.say('hilfe', maria); // the other supervisor has a chat with the bot; Anna Schulz has none
    await bookThroughCards(h, { serviceId: 'kfz', channel: 'phone' });
    const form = await command(h, 'krank');
    const result = cardText(
      await press(h, form, 'absence.submit', { inputs: { kind: 'sick', from: TODAY, to: TODAY } }),
    );
    expect(result).toContain('Anna Schulz ist in Teams noch nicht erreichbar');
    expect(result).toContain('termine@seelze.example');
    expect(result).not.toContain('Anna Schulz erhält die Liste');

    await h.app.outbox.ensureGroup();
    while ((await h.app.outbox.runOnce()).delivered > 0);

    const toMaria = h.connector.activities.filter(
      (a) =>
        a.conversationId === `a:personal-${maria.aadObjectId}` &&
        (a.text ?? '').includes('Jonas Becker hat eine Abwesenheit gemeldet'),
    );
    expect(toMaria).toHaveLength(1);
    expect(existsSync(MAIL_DIR)).toBe(true);
    const mails = readdirSync(MAIL_DIR).map((f) => readFileSync(join(MAIL_DIR, f), 'utf8'));
    expect(
      mails.some((m) => m.includes('termine@seelze.example') && m.includes('Jonas Becker hat eine Abwesenheit')),
    ).toBe(true);

    // Anna opens the bot later: her summary lists the alert as an open problem until she marks it done.
    const anna = h.user('anna-schulz');
    const summary = await command(h, 'tagesübersicht', anna);
    expect(cardText(summary)).toContain('Meldungen, die niemand erhalten hat');
    expect(cardText(summary)).toContain('Jonas Becker hat eine Abwesenheit gemeldet');
    const done = await h.invoke({ verb: 'problem.resolve', data: findResolve(summary) }, anna);
    expect(String((done.body as { value?: unknown }).value)).toContain('Erledigt');
    const after = await h.say('tagesübersicht', anna);
    expect(after.map(textOf).join('\n')).not.toContain('Jonas Becker hat eine Abwesenheit gemeldet');
  });
});

function findResolve(card: unknown): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.verb === 'problem.resolve' && o.data) found ??= o.data as Record<string, unknown>;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error('no "done" button on the summary');
  return found;
}
