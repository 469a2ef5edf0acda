import { createProposal, decideProposal, type DecideReplanDeps } from '../../src/app/decide-replan';
import { reportAbsence } from '../../src/app/replan';
import { loadDirectoryFile } from '../../src/config/directory';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AbsenceStore } from '../../src/store/absences';
import { AppointmentStore } from '../../src/store/appointments';
import { storeReplanCommands } from '../../src/store/replan-commands';
import { ReplanProposalStore } from '../../src/store/replan-proposals';
import { ReplanOutcomeStore } from '../../src/store/replans';
import { testRedis } from '../support/redis';
import { directBooking } from './support';

const t = testRedis('app-decide-replan');
const directory = loadDirectoryFile('config/directory.example.json');
// Friday before a week (2 March 2026) in which team A is on site.
const clock = new ManualClock(localDateTime('2026-02-27', '08:00'));
const store = new AppointmentStore(t.redis, clock);
const proposals = new ReplanProposalStore(t.redis);
const logged: unknown[] = [];
const logger = {
  info: (o: unknown) => void logged.push(o),
  error: (o: unknown) => void logged.push(o),
} as unknown as DecideReplanDeps['logger'];
const deps: DecideReplanDeps = {
  directory,
  clock,
  absences: new AbsenceStore(t.redis),
  appointments: store,
  commands: storeReplanCommands(store, clock),
  outcomes: new ReplanOutcomeStore(t.redis),
  holds: store,
  meetings: { createMeeting: async (r) => ({ joinUrl: `https://meet.example/${r.appointmentId}` }) },
  proposals,
  logger,
};

afterAll(() => t.cleanup());

const book = directBooking(directory, store, clock, 'dr');

describe('decideProposal on real Redis', () => {
  it('applying all items saves version+1 with the decided items; a stale version, an unknown item and a held lock change nothing', async () => {
    const first = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-03', '09:00');
    const second = await book('leonie-wagner', 'kfz', 'in-person', '2026-03-03', '10:00');
    const absences = await reportAbsence(deps, {
      actorId: 'anna-schulz',
      target: { teamId: 'buergerbuero-a' },
      from: '2026-03-02',
      to: '2026-03-06',
      mode: 'home-office-only',
      reason: 'quarantine',
    });
    const v1 = await createProposal(deps, absences, 'anna-schulz');
    expect(v1).toMatchObject({ version: 1, createdBy: 'anna-schulz', decided: [] });
    expect(v1.plan.items.map((i) => i.appointmentId).sort()).toEqual([first.id, second.id]);
    expect(await proposals.get(v1.id)).toEqual(v1);

    // Someone else is confirming right now: nothing happens.
    expect(
      await proposals.withLock(v1.id, () => decideProposal(deps, { actorId: 'anna-schulz', stored: v1 })),
    ).toBeNull();
    expect((await store.get(first.id))!.sequence).toBe(0);

    // An appointment that is not (or no longer) in the proposal.
    const missing = await decideProposal(deps, { actorId: 'anna-schulz', stored: v1, appointmentId: 'not-there' });
    expect(missing).toEqual({ proposal: v1, outcome: 'not-in-proposal' });
    expect(await proposals.get(v1.id)).toEqual(v1);

    const done = await decideProposal(deps, { actorId: 'anna-schulz', stored: v1 });
    expect(done!.outcome).toBeUndefined();
    const v2 = done!.proposal;
    expect(v2.version).toBe(2);
    expect(v2.plan.items).toEqual([]);
    expect(v2.decided.map((d) => [d.appointmentId, d.action, d.outcome]).sort()).toEqual([
      [first.id, 'convert', 'applied'],
      [second.id, 'convert', 'applied'],
    ]);
    expect(await proposals.get(v1.id)).toEqual(v2);
    expect((await store.get(first.id))!.sequence).toBe(1);
    expect((await store.get(second.id))!.sequence).toBe(1);

    // A card drawn from version 1: stale, the stored version 2 comes back unchanged.
    const stale = await decideProposal(deps, { actorId: 'anna-schulz', stored: v1 });
    expect(stale).toEqual({ proposal: v2, outcome: 'stale' });
    expect(await proposals.get(v1.id)).toEqual(v2);
    expect((await store.get(first.id))!.sequence).toBe(1);

    // Logs carry ids and counts, no citizen data.
    expect(JSON.stringify(logged)).not.toMatch(/Erika|example\.org/);
    expect(logged).toContainEqual({ proposalId: v1.id, applied: 2, changed: 0, open: 0 });
  });
});
