/**
 * The help card's buttons work in every client: they are Action.Execute (which every current Teams
 * client supports, so no Action.Submit fallback is sent; an Action.Submit of an older card still
 * works), not Teams-only imBack, and each runs its command as if it had been typed (real HTTP harness).
 */
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { cardOf, startTeamsHarness, textOf, type TeamsHarness } from '../support/teams-harness';
import { actionsOf, type Card } from './flows/support';

describe('help card buttons', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'help-card', clock: new ManualClock(localDateTime('2026-12-08', '09:00')) });
  });
  afterAll(async () => {
    await h.close();
  });

  const helpFor = async (staffId: string, locale: string): Promise<Card> => {
    const [reply] = await h.say(locale === 'en-US' ? 'help' : 'hilfe', h.user(staffId), { locale });
    return cardOf(reply!)!;
  };

  it('shows every command of a supervisor, in rows that fit a phone (Teams shows at most 6 card actions)', async () => {
    const card = await helpFor('anna-schulz', 'de-DE');
    expect((card as { actions?: unknown[] }).actions ?? []).toHaveLength(0);
    const sets = JSON.stringify(card).match(/"type":"ActionSet"/g) ?? [];
    expect(sets.length).toBeGreaterThan(1);
    // A button for every command the card lists, help aside.
    const facts = JSON.stringify(card)
      .match(/"title":"[^"]+","value"/g)!
      .map((f) => f.slice(9, -9));
    expect(actionsOf(card).map((b) => b.title)).toEqual(facts.filter((t) => t !== 'Hilfe'));
    expect(facts).toEqual(expect.arrayContaining(['Termine Team', 'Tagesübersicht', 'Ausfall']));
  });

  it('are Action.Execute with a command text, no imBack', async () => {
    const card = await helpFor('jonas-becker', 'de-DE');
    expect(JSON.stringify(card)).not.toContain('imBack');
    expect((card as unknown as { msteams?: unknown }).msteams).toEqual({ width: 'Full' });
    const buttons = actionsOf(card);
    expect(buttons.map((b) => b.title)).toEqual([
      'Termin buchen',
      'Meine Termine',
      'Termine Team',
      'Suchen',
      'Abwesend',
      'Mein Kalender',
    ]);
    for (const b of buttons) {
      expect(b).toMatchObject({ verb: 'command', data: { verb: 'command', text: b.title } });
      expect(b.type).toBe('Action.Execute');
    }
  });

  it.each([
    ['jonas-becker', 'de-DE'],
    ['jonas-becker', 'en-US'],
    ['anna-schulz', 'de-DE'],
    ['anna-schulz', 'en-US'],
  ])('each button of %s (%s) runs its command (Action.Execute and Action.Submit)', async (staffId, locale) => {
    const user = h.user(staffId);
    const buttons = actionsOf(await helpFor(staffId, locale));
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    const expected: Record<string, RegExp> = {
      'Termin buchen': /Welches Anliegen\?/,
      Book: /Which service\?/,
      'Meine Termine': /Termine|keine/i,
      'My appointments': /appointments/i,
      'Termine Team': /Termine Team –/,
      'Team agenda': /Team agenda –/,
      Abwesend: /Abwesenheit/,
      Absent: /absence/i,
      Tagesübersicht: /Tagesübersicht|Übersicht/,
      Summary: /[Ss]ummary/,
      Ausfall: /Ausfall/,
      Outage: /[Oo]ut/,
      'Mein Kalender': /Aus dem Internet/,
      'My calendar': /From internet/,
      Suchen: /Termin suchen/,
      Search: /Find an appointment/,
      Auswertung: /Auswertung/,
      Report: /Report/,
    };
    for (const b of buttons) {
      // Action.Execute: the command answers in the chat, the help card stays.
      const res = await h.invoke({ verb: b.verb, data: b.data }, user, { locale });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.card.adaptive' });
      const answer = res.replies.map(textOf).join('\n');
      expect(answer).not.toMatch(/nicht verstanden|did not understand|Meinten Sie|Did you mean/);
      expect(res.replies.length).toBeGreaterThan(0);
      expect(answer).toMatch(expected[b.title]!);
      // Action.Submit (older cards, other clients): the same answer.
      const submitted = await h.submit({ ...b.data }, user, { locale });
      expect(submitted.map(textOf).join('\n')).toMatch(expected[b.title]!);
    }
  });

  it('answers a command button without text with a short message', async () => {
    const res = await h.invoke({ verb: 'command', data: { text: '' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
  });

  // The fuzz suite once caught an Action.Submit of `{ verb: 'command' }` answered with nothing at all.
  it.each([
    ['without text', {}],
    ['with empty text', { text: '' }],
    ['with text the edge removes entirely', { text: '\u0000' }],
    ['with text too long for a command', { text: 'x'.repeat(101) }],
  ])('answers an Action.Submit command button %s with the help card', async (_, data) => {
    for (const locale of ['de-DE', 'en-US']) {
      const replies = await h.submit({ verb: 'command', ...data }, h.user(), { locale });
      expect(replies).toHaveLength(1);
      expect(cardOf(replies[0]!)).toBeDefined();
      expect(textOf(replies[0]!)).toContain(locale === 'de-DE' ? 'Was ich für Sie tun kann' : 'What I can do for you');
    }
  });
});
