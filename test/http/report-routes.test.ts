/**
 * The report's links over real HTTP, with real Redis (appointments booked through the store's Lua
 * scripts, facts read by the store's reader): the page, the xlsx and the csv for the supervisor the
 * link was made for; 403 without a token, with a forged one, or for someone who leads no team; 410
 * after 24 hours; attachments named by the period; no citizen data anywhere.
 */
process.env.TZ = 'UTC';

import { request } from 'node:http';
import JSZip from 'jszip';
import pino from 'pino';
import { CitizenLinks, REPORT_PATH } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { rangeKey } from '../../src/domain/report-range';
import { localDateTime } from '../../src/domain/time';
import { registerReportRoutes } from '../../src/http/report-routes';
import { createHttpServer } from '../../src/http/server';
import { AbsenceStore } from '../../src/store/absences';
import { readAppointmentFacts } from '../../src/store/appointment-facts';
import { AppointmentStore } from '../../src/store/appointments';
import { exampleDirectory } from '../invitations/fixtures';
import { book } from '../delivery/book';
import { pageTables, parseCsv, readWorkbook } from '../reports/read-back';
import { testRedis } from '../support/redis';

const directory = exampleDirectory();
const logger = pino({ level: 'silent' });

function get(
  url: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('report links over HTTP', () => {
  const t = testRedis('report-routes');
  const clock = new ManualClock(localDateTime('2026-12-07', '09:00'));
  const store = new AppointmentStore(t.redis, clock);
  const links = new CitizenLinks('r'.repeat(40), 'http://localhost');
  const http = createHttpServer({
    bot: { handle: () => Promise.resolve() },
    redis: t.redis,
    logger,
    routes: [
      (server) =>
        registerReportRoutes(server, {
          redis: t.redis,
          directory,
          links,
          clock,
          logger,
          report: {
            facts: (q) => readAppointmentFacts(t.redis, q),
            absences: new AbsenceStore(t.redis),
          },
          rateLimit: { max: 10_000, windowMs: 60_000 },
        }),
    ],
  });
  let base = '';
  const november = rangeKey({ kind: 'month', from: '2026-11-01', to: '2026-11-30' });
  const grant = (staffId = 'anna-schulz', expiresAt = clock.now() + 86_400_000) => ({
    staffId,
    range: november,
    expiresAt,
  });
  const path = (g = grant(), file?: string) => `${REPORT_PATH}${file ? `/${file}` : ''}?t=${links.reportToken(g)}`;

  beforeAll(async () => {
    base = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
    // Team A (Anna leads A and B), November: two in person, one by phone; one of team B; one elsewhere.
    await book(store, {
      start: localDateTime('2026-11-03', '09:00'),
      channel: 'in-person',
      staffId: 'jonas-becker',
      serviceId: 'ausweis',
    });
    await book(store, {
      start: localDateTime('2026-11-04', '10:00'),
      channel: 'phone',
      staffId: 'jonas-becker',
      serviceId: 'kfz',
      citizen: { name: 'Gisela Brandt', email: 'gisela.brandt@example.org', phone: '+49 170 5550199' },
    });
    await book(store, {
      start: localDateTime('2026-11-10', '11:00'),
      channel: 'video',
      staffId: 'katrin-hoffmann',
      serviceId: 'meldewesen',
    });
    await book(store, {
      start: localDateTime('2026-11-12', '11:00'),
      channel: 'phone',
      staffId: 'peter-klein',
      serviceId: 'sozialberatung',
    });
  });
  afterAll(async () => {
    await http.shutdown();
    await t.cleanup();
  });

  it('serves the page to the supervisor the link was made for, with the teams they lead', async () => {
    const res = await get(base + path());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body.toString('utf8');
    expect(html).toContain('<h1>Auswertung November 2026</h1>');
    expect(html).toContain('Bürgerbüro Team A, Bürgerbüro Team B');
    const total = pageTables(html).find((x) => x.id === 'total')!;
    expect(total.rows[0]![1]).toBe('3'); // booked: team A and B only
    const leika = pageTables(html).find((x) => x.id === 'leika')!;
    expect(leika.rows.map((r) => r[0])).toEqual([
      '99115001001000 (An-, Um- und Abmeldung)',
      '99008001001000 (Personalausweis und Reisepass)',
      '99036006001000 (Kfz-Zulassung)',
    ]);
    expect(html).toContain(`href="${path(grant(), 'Sprechstunde-Auswertung-2026-11.xlsx')}"`);
  });

  it('serves the workbook and the CSV as attachments named by the period, with the page’s numbers', async () => {
    const xlsx = await get(base + path(grant(), 'Sprechstunde-Auswertung-2026-11.xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="Sprechstunde-Auswertung-2026-11.xlsx"');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readWorkbook(xlsx.body);
    expect(sheets[0]!.rows[2]![1]).toBe(3);
    const csv = await get(base + path(grant(), 'Sprechstunde-Auswertung-2026-11.csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="Sprechstunde-Auswertung-2026-11.csv"');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(csv.body.toString('utf8').slice(1));
    expect(rows[1]!.slice(0, 3)).toEqual(['Gesamt', 'Gesamt', '3']);
    // Another file name under a valid token: not found.
    expect((await get(base + path(grant(), 'Sprechstunde-Auswertung-2026-10.xlsx'))).status).toBe(404);
  });

  it('names no citizen anywhere: page, workbook (every part of the zip) and CSV', async () => {
    const page = (await get(base + path())).body.toString('utf8');
    const csv = (await get(base + path(grant(), 'Sprechstunde-Auswertung-2026-11.csv'))).body.toString('utf8');
    const zip = await JSZip.loadAsync((await get(base + path(grant(), 'Sprechstunde-Auswertung-2026-11.xlsx'))).body);
    const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
    for (const text of [page, csv, ...parts])
      for (const personal of ['Gisela', 'Brandt', 'Erika', 'Mustermann', 'example.org', '5550199', '5550123'])
        expect(text).not.toContain(personal);
  });

  it('refuses without a token, with a forged or truncated one, and for someone who leads no team (403)', async () => {
    expect((await get(base + REPORT_PATH)).status).toBe(403);
    expect((await get(`${base}${REPORT_PATH}/Sprechstunde-Auswertung-2026-11.xlsx`)).status).toBe(403);
    expect((await get(`${base}${REPORT_PATH}?t=`)).status).toBe(403);
    const token = links.reportToken(grant());
    expect((await get(`${base}${REPORT_PATH}?t=${token.slice(0, -2)}`)).status).toBe(403);
    const other = new CitizenLinks('x'.repeat(40), 'http://localhost');
    expect((await get(`${base}${REPORT_PATH}?t=${other.reportToken(grant())}`)).status).toBe(403);
    // A token for another period does not open this one's file.
    const october = { ...grant(), range: rangeKey({ kind: 'month', from: '2026-10-01', to: '2026-10-31' }) };
    expect((await get(base + path(october, 'Sprechstunde-Auswertung-2026-11.csv'))).status).toBe(404);
    // Jonas (staff) with a correctly signed link of his own: he leads no team.
    const jonas = await get(base + path(grant('jonas-becker')));
    expect(jonas.status).toBe(403);
    expect(jonas.body.toString('utf8')).toContain('Kein Zugriff');
    expect((await get(base + path(grant('jonas-becker'), 'Sprechstunde-Auswertung-2026-11.xlsx'))).status).toBe(403);
  });

  it('answers 410 once the 24 hours are over, for the page and the files', async () => {
    const g = grant();
    const saved = clock.now();
    clock.advance(86_400_000);
    try {
      const page = await get(base + path(g));
      expect(page.status).toBe(410);
      expect(page.body.toString('utf8')).toContain('Links zu Auswertungen gelten 24 Stunden');
      expect((await get(base + path(g, 'Sprechstunde-Auswertung-2026-11.csv'))).status).toBe(410);
    } finally {
      clock.set(saved);
    }
  });
});
