/**
 * Two instances, one Redis: two app processes (scripts/faults/app-process.ts) on the same key
 * prefix, each with its outbox worker (mailing to one real SMTP peer) and its scheduler (the daily
 * summary set to fire every second). The booking load is split across both: for each target slot,
 * overlapping holds on the two instances, confirms sent crosswise and the same confirm pressed on
 * both at once. Then: no overlap in any staff calendar, one appointment per contested slot, every
 * invitation (citizen's mail and staff copy) mailed exactly once, every scheduled fire run by exactly one instance.
 */
import { localDateTime, addDays } from '../../src/domain/time';
import { keys } from '../../src/store/keys';
import { directoryFor, spawnApp, type AppProcess } from '../../scripts/faults/app-process';
import { findAction, invokeCard } from '../bot/flows/support';
import type { TeamsHarness } from '../support/teams-harness';
import { testRedis, TEST_REDIS_URL } from '../support/redis';
import { leaves, parseMime, SmtpPeer } from '../delivery/mail/smtp-peer';
import { calendarConsistency, freeLoopbackPort, outboxIdle, remoteHarness, scanKeys } from './support';

jest.setTimeout(90_000);

const DAY = '2026-03-10';
const CITIZEN = {
  citizenName: 'Zwei Instanzen',
  citizenEmail: 'zwei@example.org',
  citizenPhone: '0511 2222',
  citizenLanguage: 'de',
};

describe('two instances sharing one Redis', () => {
  const t = testRedis('rel-two');
  const directory = directoryFor('bench');
  const staff = directory.staff.filter((s) => !s.team.startsWith('bb-')).slice(0, 40);
  let peer: SmtpPeer;
  let a: AppProcess;
  let b: AppProcess;
  let ha: TeamsHarness;
  let hb: TeamsHarness;

  beforeAll(async () => {
    peer = new SmtpPeer(await freeLoopbackPort());
    await peer.start();
    const config = {
      mode: 'app' as const,
      redisUrl: TEST_REDIS_URL,
      prefix: t.prefix,
      clockAt: localDateTime(addDays(DAY, -1), '07:00'),
      directory: 'bench' as const,
      env: {
        SMTP_URL: peer.url,
        JOBS_ENABLED: 'true',
        SUMMARY_CRON: '* * * * * *',
        LOG_LEVEL: 'info',
        HOLD_TTL_SECONDS: '600',
      },
    };
    [a, b] = await Promise.all([spawnApp(config), spawnApp(config)]);
    ha = await remoteHarness(a.url, directory, t.redis);
    hb = await remoteHarness(b.url, directory, t.redis);
  });
  afterAll(async () => {
    await Promise.all([ha?.close(), hb?.close()]);
    await Promise.all([a?.stop(), b?.stop()]);
    await peer?.stop();
    await t.cleanup();
  });

  it('books each contested slot once, mails each invitation once and runs each scheduled fire once', async () => {
    const targets = staff.flatMap((s) =>
      ['09:00', '10:00', '14:00'].map((hhmm) => ({ staffId: s.id, start: localDateTime(DAY, hhmm) })),
    );
    const hold = async (h: TeamsHarness, staffId: string, start: number) => {
      const res = await h.invoke(
        { verb: 'book.hold', data: { forStaffId: staffId, serviceId: 'auskunft', channel: 'phone', start } },
        h.user(staffId),
      );
      const details = findAction(invokeCard(res.body), 'book.submit');
      return { ...details.data, ...CITIZEN };
    };
    const confirm = (h: TeamsHarness, staffId: string, data: Record<string, unknown>) =>
      h.invoke({ verb: 'book.confirm', data }, h.user(staffId));

    await Promise.all(
      targets.map(async ({ staffId, start }) => {
        // Overlapping holds of the same person on both instances (10-minute service, 5 minutes apart) …
        const [onA, onB] = await Promise.all([hold(ha, staffId, start), hold(hb, staffId, start + 5 * 60_000)]);
        // … confirmed crosswise, and the first one pressed on both instances at the same moment.
        const results = await Promise.all([
          confirm(hb, staffId, onA),
          confirm(ha, staffId, onB),
          confirm(ha, staffId, onA),
        ]);
        for (const r of results) expect(r.status).toBe(200);
      }),
    );

    const consistency = await calendarConsistency(t.redis, directory);
    expect(consistency).toMatchObject({ overlaps: 0, missingInCalendar: [], orphanEntries: [] });
    // Exactly one appointment per contested slot.
    expect(consistency.appointments).toBe(targets.length);

    // Every invitation delivered once, by whichever instance took it.
    expect(await outboxIdle(t.redis, 30_000)).toBe(true);
    const uids = peer.received.map((m) => {
      const ics =
        leaves(parseMime(m.raw)).find((p) => p.headers.get('content-type')?.startsWith('text/calendar'))?.body ?? '';
      return `${/UID:(appt_[A-Za-z0-9]+)@/.exec(ics.replace(/\r?\n[ \t]/g, ''))?.[1]} → ${m.to.join(',')}`;
    });
    // The citizen's invitation and the staff member's copy, each once.
    expect(uids).toHaveLength(2 * targets.length);
    expect(new Set(uids).size).toBe(2 * targets.length);
    expect(uids.filter((u) => u.endsWith(CITIZEN.citizenEmail))).toHaveLength(targets.length);

    // Scheduled fires: each lease (one per fire) was run by exactly one of the two processes.
    await new Promise((r) => setTimeout(r, 2500));
    await Promise.all([a.stop(), b.stop()]);
    const fires = await scanKeys(t.redis, keys.jobLease('daily-summary', ''));
    const runs = [...a.logs, ...b.logs].filter((l) => l.includes('"job done"') && l.includes('"job":"daily-summary"'));
    expect(fires.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBe(fires.length);
    const ran = (logs: string[]) =>
      logs.filter((l) => l.includes('"job done"') && l.includes('"job":"daily-summary"')).length;
    console.info(
      `two instances: ${consistency.appointments} appointments for ${targets.length} contested slots, ${peer.received.length} mails, ${fires.length} summary fires run ${ran(a.logs)}× on A and ${ran(b.logs)}× on B`,
    );
  });
});
