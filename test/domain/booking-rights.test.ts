import { readFileSync } from 'node:fs';
import { loadDirectoryFile, parseDirectory } from '../../src/config/directory';
import { bookableColleagues, bookingPool, mayBookInto } from '../../src/domain/booking-rights';
import { indexDirectory } from '../../src/domain/directory-index';
import { combineServices, serviceFor } from '../../src/domain/services';
import { rotationRank } from '../../src/domain/slots';

const directory = loadDirectoryFile('config/directory.example.json');
const staff = (id: string) => indexDirectory(directory).staffById(id)!;

describe('who may book whom (example directory)', () => {
  it('lets the Bürgerbüro book each other across both shift teams', () => {
    expect(mayBookInto(directory, staff('jonas-becker'), staff('katrin-hoffmann'), ['ausweis'])).toBe(true);
    expect(mayBookInto(directory, staff('katrin-hoffmann'), staff('murat-yilmaz'), ['kfz'])).toBe(true);
  });

  it('lets everyone book general enquiries, but nothing else outside their team', () => {
    expect(mayBookInto(directory, staff('stefan-braun'), staff('peter-klein'), ['auskunft'])).toBe(true);
    expect(mayBookInto(directory, staff('stefan-braun'), staff('peter-klein'), ['sozialberatung'])).toBe(false);
    expect(mayBookInto(directory, staff('jonas-becker'), staff('elif-demir'), ['sozialberatung'])).toBe(false);
  });

  it('keeps supervisors booking in the teams they supervise', () => {
    expect(mayBookInto(directory, staff('maria-lange'), staff('julia-vogel'), ['bauberatung'])).toBe(true);
    expect(mayBookInto(directory, staff('peter-klein'), staff('elif-demir'), ['sozialberatung'])).toBe(false);
  });

  it('puts everyone who offers the service and may be booked into the pool, in directory order', () => {
    const pool = bookingPool(directory, staff('jonas-becker'), ['ausweis']).map((s) => s.id);
    expect(pool).toEqual([
      'anna-schulz',
      'jonas-becker',
      'leonie-wagner',
      'katrin-hoffmann',
      'tobias-krueger',
      'sabine-neumann',
      'felix-richter',
    ]);
    expect(bookingPool(directory, staff('stefan-braun'), ['auskunft']).map((s) => s.id)).toContain('peter-klein');
    expect(bookableColleagues(directory, staff('julia-vogel')).map((s) => s.id)[0]).toBe('julia-vogel');
  });
});

describe('bookableBy in the directory file', () => {
  type Raw = { teams: Record<string, unknown>[]; services: Record<string, unknown>[] };
  const raw = () => JSON.parse(readFileSync('config/directory.example.json', 'utf8')) as Raw;

  it('names the exact place of an unknown team', () => {
    const d = raw();
    d.teams[1]!.bookableBy = ['buergerbuero-a', 'nowhere'];
    d.services[2]!.bookableBy = ['ghost'];
    expect(() => parseDirectory(d)).toThrow(/teams\[1\]\.bookableBy\[1\]: unknown team "nowhere"/);
    expect(() => parseDirectory(d)).toThrow(/services\[2\]\.bookableBy\[0\]: unknown team "ghost"/);
  });

  it('accepts "everyone" and refuses any other word', () => {
    const d = raw();
    d.services[0]!.bookableBy = 'everyone';
    expect(() => parseDirectory(d)).not.toThrow();
    d.services[0]!.bookableBy = 'all';
    expect(() => parseDirectory(d)).toThrow(/services\[0\]\.bookableBy/);
  });
});

describe('several services in one appointment', () => {
  it('adds durations, takes the largest buffers and notice, the shortest horizon, the shared channels', () => {
    const s = serviceFor(directory, ['meldewesen', 'ausweis']);
    expect(s).toMatchObject({
      id: 'meldewesen',
      durationMin: 35,
      bufferBeforeMin: 0,
      bufferAfterMin: 5,
      channels: ['in-person'],
      horizonDays: 28,
    });
    expect(s.name.de).toBe('An-, Um- und Abmeldung + Personalausweis und Reisepass');
  });

  it('returns a single service unchanged', () => {
    const one = directory.services[0]!;
    expect(combineServices([one])).toBe(one);
  });
});

describe('tie rotation', () => {
  it('gives each of n equally free candidates the first rank for some start time', () => {
    const winners = new Set<number>();
    for (let k = 0; k < 20; k++) {
      const start = Date.UTC(2026, 11, 1, 8, 0) + k * 15 * 60_000;
      const ranks = [0, 1, 2, 3].map((order) => rotationRank(order, 4, start));
      expect(new Set(ranks).size).toBe(4);
      winners.add(ranks.indexOf(0));
    }
    expect(winners.size).toBe(4);
  });
});
