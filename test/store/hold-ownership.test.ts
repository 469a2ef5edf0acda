/** A hold belongs to whoever took it: another user who has its token can neither release it nor book with it. */
import { randomBytes } from 'node:crypto';
import { ManualClock } from '../../src/domain/clock';
import { isDomainError } from '../../src/domain/errors';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { keys } from '../../src/store/keys';
import { testRedis } from '../support/redis';
import { sampleAppointment } from './support/appointments-fixture';

const { redis, cleanup } = testRedis('hold-ownership');
const clock = new ManualClock(localDateTime('2026-03-23', '07:00'));
const store = new AppointmentStore(redis, clock);
afterAll(cleanup);

const MIN = 60_000;
const staffId = 'staff-hold-ownership';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.code : String(e);
  }
}

describe('hold ownership', () => {
  it('is released only by its holder, and nobody else books the held slot with its token', async () => {
    const a = sampleAppointment({
      id: `a${randomBytes(4).toString('hex')}`,
      staffId,
      start: localDateTime('2026-03-23', '09:00'),
      createdBy: 'peter',
    });
    const hold = await store.hold({
      staffId,
      blockStart: a.blockStart,
      blockEnd: a.blockEnd,
      ttlMs: 5 * MIN,
      holder: 'jonas',
    });

    expect(await store.releaseHold(hold.token, 'peter')).toBe(false);
    expect(await redis.exists(keys.hold(hold.token))).toBe(1);

    // Peter confirms his own booking of the same block with Jonas' token: refused, Jonas' hold stays.
    expect(
      await codeOf(
        store.confirm({
          clientKey: 'ck-peter',
          holdToken: hold.token,
          holder: 'peter',
          appointment: a,
          audit: { at: clock.now(), actor: 'peter', action: 'book', appointmentId: a.id },
          outbox: [],
        }),
      ),
    ).toBe('slot-taken');
    expect(await redis.exists(keys.hold(hold.token))).toBe(1);

    expect(await store.releaseHold(hold.token, 'jonas')).toBe(true);
    expect(await redis.exists(keys.hold(hold.token))).toBe(0);
  });
});
