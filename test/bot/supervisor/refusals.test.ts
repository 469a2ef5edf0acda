/**
 * The supervisor side answers everyone else with a refusal that says what to do instead, in the
 * user's language; a proposal that expired says how to start again. Over real HTTP (src/bot/supervisor/).
 */
import { ManualClock } from '../../../src/domain/clock';
import { localDateTime } from '../../../src/domain/time';
import { startTeamsHarness, type TeamsHarness } from '../../support/teams-harness';

describe('supervisor features for everyone else', () => {
  const clock = new ManualClock(localDateTime('2026-03-02', '09:00'));
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'bot-supervisor-refusals', clock });
  });
  afterAll(async () => {
    await h.close();
  });

  const answer = async (verb: string, data: Record<string, unknown>, staffId: string, locale?: string) => {
    const { body } = await h.invoke({ verb, data }, h.user(staffId), locale ? { locale } : {});
    return JSON.stringify(body);
  };

  it('sends staff who ask for an outage to their own absence report', async () => {
    const [de] = await h.say('ausfall', h.user('jonas-becker'));
    expect(de!.text).toBe(
      'Einen Ausfall für andere tragen Teamleitungen ein. Ihre eigene Abwesenheit melden Sie mit „Abwesend“.',
    );
    const [en] = await h.say('outage', h.user('jonas-becker'), { locale: 'en-US' });
    expect(en!.text).toBe('Outages for others are recorded by supervisors. To report your own absence, type “absent”.');
  });

  it('lets only supervisors mark an open problem done', async () => {
    expect(await answer('problem.resolve', { alertId: 'x' }, 'jonas-becker')).toContain(
      'Das können nur Teamleitungen erledigen.',
    );
    expect(await answer('problem.resolve', { alertId: 'x' }, 'jonas-becker', 'en-US')).toContain(
      'Only supervisors can do this.',
    );
  });

  it('tells a supervisor how to start again when a proposal has expired', async () => {
    expect(await answer('outage.show', { proposalId: 'rp_expired00' }, 'anna-schulz')).toContain(
      'Dieser Vorschlag ist abgelaufen. Bitte tragen Sie den Ausfall neu ein („Ausfall“).',
    );
  });
});
