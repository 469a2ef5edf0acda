/**
 * Mail amplification: forged COUNTER mails naming an appointment must not make the town hall mail the
 * citizen once per forgery, nor flood the staff member with cards. Nothing is answered automatically;
 * the notices to the staff member are capped per appointment and day; the first COUNTER over the cap
 * alerts the supervisors, once.
 */
import { loadDirectoryFile } from '../../src/config/directory';
import { renderSupervisorAlert } from '../../src/delivery/staff-notices';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { parseOutboxFields } from '../../src/store/outbox';
import { AUTO_ANSWERS_PER_DAY, RedisReplyStore } from '../../src/store/replies';
import { directBooking } from '../app/support';
import { testRedis } from '../support/redis';

const directory = loadDirectoryFile('config/directory.example.json');
const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
const { redis, cleanup } = testRedis('reply-flood');
afterAll(cleanup);
const store = new AppointmentStore(redis, clock);
const replies = new RedisReplyStore(redis, clock, store);
const book = directBooking(directory, store, clock, 'flood');

async function outboxOf(appointmentId: string) {
  return (await redis.xrange(keys.outbox(), '-', '+'))
    .map(([, fields]) => parseOutboxFields(fields)!)
    .filter((e) => e.key.startsWith(`${appointmentId}:`));
}

it('shows at most AUTO_ANSWERS_PER_DAY proposals a day per appointment, mails the citizen nothing, and alerts the supervisors once', async () => {
  const a = await book('jonas-becker', 'meldewesen', 'in-person', '2026-03-04', '09:00');
  const counter = (n: number) =>
    replies.apply({
      appointmentId: a.id,
      uid: a.uid,
      attendee: a.citizen.email!,
      method: 'COUNTER',
      sequence: 0,
      stamp: clock.now(),
      proposed: { start: a.start + 3600_000 + n * 60_000, end: a.end + 3600_000 + n * 60_000 },
      claims: { mail: `forged-${n}`, messageId: `forged-id-${n}` },
    });
  const effects: string[] = [];
  for (let n = 0; n < 30; n++) {
    const outcome = await counter(n);
    effects.push(outcome.result === 'applied' ? outcome.effect : outcome.result);
  }
  expect(effects.filter((e) => e === 'proposal-notice')).toHaveLength(AUTO_ANSWERS_PER_DAY);
  expect(effects.filter((e) => e === 'capped')).toHaveLength(30 - AUTO_ANSWERS_PER_DAY);
  const queued = await outboxOf(a.id);
  expect(queued.filter((e) => e.msg.kind === 'citizen-declinecounter')).toHaveLength(0);
  expect(queued.filter((e) => e.msg.kind === 'staff-notice' && e.msg.event === 'citizen-proposed')).toHaveLength(
    AUTO_ANSWERS_PER_DAY,
  );
  // The card shows the last proposal shown, not a later (capped) one.
  expect((await store.get(a.id))!.proposal).toMatchObject({ start: a.start + 3600_000 + 2 * 60_000 });
  const alerts = queued.filter((e) => e.msg.kind === 'supervisor-alert');
  expect(alerts.map((e) => e.msg)).toEqual([
    { kind: 'supervisor-alert', facts: { kind: 'reply-flood', appointmentId: a.id, answered: AUTO_ANSWERS_PER_DAY } },
  ]);

  const alert = alerts[0]!.msg;
  if (alert.kind !== 'supervisor-alert') throw new Error('not an alert');
  expect(renderSupervisorAlert(alert, 'de').text).toContain(`Für Termin ${a.id} kamen heute mehr als 3 Vorschläge`);
  expect(renderSupervisorAlert(alert, 'en').text).toContain('The mails may be forged');

  // the next day the citizen's own proposal is answered again
  clock.set(localDateTime('2026-03-03', '08:00'));
  expect(await counter(99)).toMatchObject({ result: 'applied', effect: 'proposal-notice' });
});
