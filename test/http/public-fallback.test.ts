/**
 * Every public address answers a page a citizen can read (the app over real HTTP): a cut or
 * mistyped link gets an HTML page in the citizen's language with the town's contact, never
 * restify's JSON; a trailing slash and the letter case of the fixed words are tolerated.
 */
import { CitizenLinks } from '../../src/app/citizen-links';
import { ManualClock } from '../../src/domain/clock';
import { localDateTime } from '../../src/domain/time';
import { AppointmentStore } from '../../src/store/appointments';
import { startTeamsHarness, type TeamsHarness } from '../support/teams-harness';
import { seed } from '../e2e/support';

const SECRET = 's'.repeat(40);

describe('public addresses nobody serves, and the ones a person mistypes', () => {
  const clock = new ManualClock(localDateTime('2026-03-02', '08:00'));
  let h: TeamsHarness;
  let token = '';
  const get = (path: string, headers: Record<string, string> = {}) => fetch(h.baseUrl + path, { headers });

  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'public-fallback', clock, env: { CITIZEN_LINK_SECRET: SECRET } });
    const a = await seed(new AppointmentStore(h.redis, clock), h.directory, clock, {
      id: 'appt_fallback1',
      staffId: 'jonas-becker',
      serviceId: 'meldewesen',
      channel: 'in-person',
      date: '2026-03-04',
      time: '10:00',
      citizen: 'Erika Mustermann',
      email: 'erika@example.org',
    });
    token = new URL(new CitizenLinks(SECRET, 'http://x').cancelUrl(a.id)).pathname.split('/')[2]!;
  });
  afterAll(() => h.close());

  async function page(res: Response) {
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    return res.text();
  }

  it('answers a cut link under a token with a page in the booking language that leads back to the appointment', async () => {
    const res = await get(`/c/${token}/reschedul`);
    expect(res.status).toBe(404);
    const html = await page(res);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Seite nicht gefunden');
    expect(html).toContain(h.directory.organisation.phone);
    expect(html).toContain(`href="/c/${token}"`);
  });

  it('serves the page meant despite a trailing slash or capitals in the fixed words', async () => {
    for (const path of [`/c/${token}/`, `/c/${token}/Reschedule/`, '/Barrierefreiheit', '/DATENSCHUTZ/']) {
      const res = await get(path);
      expect([path, res.status]).toEqual([path, 200]);
      await page(res);
    }
    expect(await (await get('/Barrierefreiheit')).text()).toContain('Barrierefreiheit');
  });

  it('answers any other address with an HTML page in the language the browser asks for, with the town contact', async () => {
    const en = await get('/nirgendwo/x', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(404);
    const html = await page(en);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Page not found');
    expect(html).toContain(h.directory.organisation.name);
    const de = await page(await get('/c/not-a-token/x/y'));
    expect(de).toContain('<html lang="de">');
    expect(await page(await get('/c'))).toContain('Seite nicht gefunden');
  });

  it('keeps JSON for the machine endpoints', async () => {
    expect((await get('/healthz')).headers.get('content-type')).toContain('application/json');
    const api = await get('/api/nothing');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
