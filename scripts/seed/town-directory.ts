/**
 * A generated town hall of 200 staff for `npm run seed` and the growth benchmark: the example
 * directory (config/directory.example.json: Anna Schulz, Jonas Becker … keep their Teams identities,
 * so the Playground user is still Jonas) grown to 200 people with five more departments and their
 * services. Deterministic: the same count gives the same file.
 */
import { readFileSync } from 'node:fs';
import type { DirectoryInput } from '../../src/config/directory';

type StaffInput = DirectoryInput['staff'][number];
type ServiceInput = DirectoryInput['services'][number];
type TeamInput = DirectoryInput['teams'][number];

const FIRST = [
  'Anja',
  'Bernd',
  'Carina',
  'Daniel',
  'Emine',
  'Frank',
  'Gül',
  'Heike',
  'Ingo',
  'Jana',
  'Kai',
  'Lena',
  'Mehmet',
  'Nina',
  'Oliver',
  'Petra',
  'Rainer',
  'Sina',
  'Thomas',
  'Ute',
  'Volker',
  'Wiebke',
  'Yvonne',
  'Zeynep',
  'Lukas',
  'Hannah',
  'Sven',
  'Aylin',
  'Dirk',
  'Marta',
];
const LAST = [
  'Albers',
  'Bode',
  'Claßen',
  'Dreyer',
  'Engel',
  'Fricke',
  'Gerdes',
  'Hinrichs',
  'Ilgner',
  'Janssen',
  'Kaya',
  'Lührs',
  'Meyer',
  'Nolte',
  'Oltmanns',
  'Peters',
  'Quast',
  'Riechers',
  'Schütte',
  'Tönnies',
  'Uhde',
  'Voß',
  'Wendt',
  'Özdemir',
  'Brandes',
  'Heuer',
  'Kruse',
  'Lampe',
  'Stein',
  'Wolter',
];

/** The departments the seed adds, with the service each offers (besides general enquiries). */
const DEPARTMENTS: { team: TeamInput; service: ServiceInput; size: number }[] = [
  {
    team: {
      id: 'standesamt',
      name: 'Standesamt',
      shift: false,
      location: 'Rathaus Seelze, 1. Obergeschoss, Rathausplatz 1, 30926 Seelze',
    },
    service: {
      id: 'eheschliessung',
      name: { de: 'Anmeldung der Eheschließung', en: 'Notice of marriage' },
      durationMin: 45,
      bufferAfterMin: 15,
      channels: ['in-person', 'video'],
      minNoticeMin: 1440,
      horizonDays: 42,
      synonyms: { de: ['Heirat', 'Trauung', 'Eheschließung'], en: ['marriage', 'wedding'] },
    },
    size: 10,
  },
  {
    team: {
      id: 'ordnungsamt',
      name: 'Ordnungsamt',
      shift: false,
      location: 'Rathaus Seelze, Erdgeschoss, Rathausplatz 1, 30926 Seelze',
    },
    service: {
      id: 'gewerbe',
      name: { de: 'Gewerbeanmeldung', en: 'Business registration' },
      durationMin: 20,
      bufferAfterMin: 5,
      channels: ['in-person', 'phone', 'video'],
      minNoticeMin: 120,
      horizonDays: 28,
      synonyms: { de: ['Gewerbe', 'Gewerbeschein'], en: ['business', 'trade licence'] },
    },
    size: 30,
  },
  {
    team: {
      id: 'jugendamt',
      name: 'Jugend und Familie',
      shift: false,
      location: 'Rathaus Seelze, 3. Obergeschoss, Rathausplatz 1, 30926 Seelze',
    },
    service: {
      id: 'familienberatung',
      name: { de: 'Familienberatung', en: 'Family counselling' },
      durationMin: 60,
      bufferAfterMin: 15,
      channels: ['phone', 'video', 'in-person'],
      minNoticeMin: 240,
      horizonDays: 42,
      synonyms: { de: ['Familie', 'Erziehungsberatung'], en: ['family'] },
    },
    size: 35,
  },
  {
    team: {
      id: 'steueramt',
      name: 'Steuern und Abgaben',
      shift: false,
      location: 'Rathaus Seelze, 2. Obergeschoss, Rathausplatz 1, 30926 Seelze',
    },
    service: {
      id: 'grundsteuer',
      name: { de: 'Grundsteuer und Abgaben', en: 'Property tax and fees' },
      durationMin: 20,
      channels: ['phone', 'video'],
      minNoticeMin: 60,
      horizonDays: 28,
      synonyms: { de: ['Grundsteuer', 'Abgaben', 'Hundesteuer'], en: ['property tax', 'fees'] },
    },
    size: 25,
  },
  {
    team: {
      id: 'kita',
      name: 'Kindertagesstätten',
      shift: false,
      location: 'Rathaus Seelze, 3. Obergeschoss, Rathausplatz 1, 30926 Seelze',
    },
    service: {
      id: 'kitaplatz',
      name: { de: 'Kita-Platz', en: 'Childcare place' },
      durationMin: 30,
      bufferAfterMin: 10,
      channels: ['phone', 'video', 'in-person'],
      minNoticeMin: 240,
      horizonDays: 42,
      synonyms: { de: ['Kita', 'Kindergarten', 'Krippe'], en: ['childcare', 'nursery'] },
    },
    size: 0, // the rest up to the staff count
  },
];

/** How many people the example's own teams grow to (the example people included). */
const GROWN: Record<string, number> = { 'buergerbuero-a': 16, 'buergerbuero-b': 16, soziales: 30, bauamt: 20 };

export const SEED_STAFF = 200;

export function townDirectoryInput(
  staffCount = SEED_STAFF,
  examplePath = 'config/directory.example.json',
): DirectoryInput {
  const example = JSON.parse(readFileSync(examplePath, 'utf8')) as DirectoryInput;
  const staff: StaffInput[] = [...example.staff];
  const teams: TeamInput[] = [...example.teams, ...DEPARTMENTS.map((d) => d.team)];
  const services: ServiceInput[] = [...example.services, ...DEPARTMENTS.map((d) => d.service)];
  let n = 0;
  const person = (team: string, template: StaffInput, services: string[]): StaffInput => {
    const i = n++;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const id = `${first}-${last}-${i}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9-]/g, '');
    return {
      ...template,
      id,
      aadObjectId: `00000000-0000-0000-5eed-${String(i).padStart(12, '0')}`,
      upn: `${id}@seelze.example`,
      name: `${first} ${last}`,
      team,
      role: 'staff',
      supervises: [],
      services,
      phone: `+49 5137 828-${String(300 + i)}`,
      ...(template.room ? { room: template.room } : {}),
    };
  };
  const first = (team: string) => example.staff.find((s) => s.team === team && s.role !== 'supervisor')!;
  for (const [team, size] of Object.entries(GROWN)) {
    const template = first(team);
    const members = staff.filter((s) => s.team === team).length;
    for (let k = members; k < size; k++) staff.push(person(team, template, [...(template.services ?? [])]));
  }
  const template = first('soziales');
  for (const d of DEPARTMENTS) {
    const size = d.size > 0 ? d.size : Math.max(0, staffCount - staff.length);
    for (let k = 0; k < size && staff.length < staffCount; k++)
      staff.push(person(d.team.id, { ...template, room: undefined }, [d.service.id, 'auskunft']));
  }
  // Every new department's first member supervises it (summaries for each department).
  for (const d of DEPARTMENTS) {
    const lead = staff.find((s) => s.team === d.team.id);
    if (lead) Object.assign(lead, { role: 'supervisor', supervises: [d.team.id] });
  }
  return { ...example, teams, services, staff: staff.slice(0, staffCount) };
}
