import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { foldText, skeleton } from '../domain/fuzzy';
import { BRING_SHORT_MAX } from '../domain/services';
import type { Channel, Directory, Language, Rotation, Service, Staff, Team, WeeklyHours } from '../domain/types';
import { ConfigError } from './env';

/**
 * The directory file: organisation, teams, staff, services, shift rotation and holidays.
 * One JSON file maintained by the city's IT; validated here, nowhere else.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id (a-z, 0-9, -)');
const interval = z
  .tuple([hhmm, hhmm])
  .refine(([from, to]) => from < to, { message: 'a working interval must end after it starts' });
const day = z.array(interval).default([]);
const synonym = z
  .string()
  .trim()
  .min(2, 'a synonym needs at least 2 characters')
  .max(60)
  .regex(/\p{L}/u, 'a synonym needs a letter');

export const channelSchema = z.enum(['video', 'phone', 'in-person']);
export const languageSchema = z.enum(['de', 'en']);

export const weeklyHoursSchema = z
  .object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
  .partial()
  .transform((h) => ({
    mon: h.mon ?? [],
    tue: h.tue ?? [],
    wed: h.wed ?? [],
    thu: h.thu ?? [],
    fri: h.fri ?? [],
    sat: h.sat ?? [],
    sun: h.sun ?? [],
  }));

/**
 * Who may book into a calendar beyond its owner and their supervisors (src/domain/booking-rights.ts):
 * "everyone", or the ids of the teams whose members may. On a team: into the calendars of its
 * members, for any service; on a service: for that service, into anyone who offers it.
 */
export const bookableBySchema = z.union([z.literal('everyone'), z.array(id)]).optional();

export const serviceSchema = z.object({
  id,
  name: z.object({ de: z.string().min(1), en: z.string().min(1) }),
  durationMin: z.number().int().min(5).max(480),
  bufferBeforeMin: z.number().int().min(0).max(120).default(0),
  bufferAfterMin: z.number().int().min(0).max(120).default(0),
  channels: z.array(channelSchema).min(1),
  minNoticeMin: z.number().int().min(0).default(60),
  horizonDays: z.number().int().min(1).max(365).default(28),
  /** Who may book this service into any colleague who offers it (see bookableBySchema). */
  bookableBy: bookableBySchema,
  /** SMS never name it (a neutral "Ihr Termin bei der Stadt …"): e.g. social or debt counselling. */
  sensitive: z.boolean().optional(),
  /**
   * The federal service catalogue's id (LeiKa/FIM Leistungsschlüssel, 14 digits, e.g. "99115001000000"):
   * reports group by it too, so figures compare across towns.
   */
  leikaId: z
    .string()
    .regex(/^\d{14}$/, 'expected a LeiKa/FIM id of 14 digits')
    .optional(),
  /**
   * What the citizen brings, in their language ("gültiger Personalausweis, biometrisches Passfoto"):
   * printed in invitations and on the citizen pages; SMS take `short` (or cut the long text).
   */
  bring: z
    .object({
      de: z.string().trim().min(1).max(300),
      en: z.string().trim().min(1).max(300),
      short: z
        .object({
          de: z.string().trim().min(1).max(BRING_SHORT_MAX),
          en: z.string().trim().min(1).max(BRING_SHORT_MAX),
        })
        .optional(),
    })
    .optional(),
  /**
   * Other words staff use for the service in one-sentence bookings ("Kfz", "Ummeldung", "car"),
   * per language; compared without case, umlaut spelling and small typos. No word may name two services.
   */
  synonyms: z
    .object({ de: z.array(synonym).max(30).default([]), en: z.array(synonym).max(30).default([]) })
    .default({ de: [], en: [] }),
});

export const teamSchema = z.object({
  id,
  name: z.string().min(1),
  /** Shift teams take part in the rotation; the others are on site whenever they work. */
  shift: z.boolean().default(false),
  /** Room/address line for in-person appointments of this team. */
  location: z.string().min(1),
  /** Whose members may book into this team's calendars, for any service (see bookableBySchema). */
  bookableBy: bookableBySchema,
});

export const staffSchema = z.object({
  id,
  aadObjectId: z.string().min(1),
  upn: z.email(),
  name: z.string().min(1),
  team: id,
  /** 'admin': a supervisor responsible for every team (src/domain/supervision.ts). */
  role: z.enum(['staff', 'supervisor', 'admin']).default('staff'),
  /** Teams a supervisor is responsible for (defaults to their own team; an admin has all). */
  supervises: z.array(id).default([]),
  services: z.array(id).default([]),
  hours: weeklyHoursSchema,
  phone: z.string().min(3),
  room: z.string().min(1).optional(),
  language: languageSchema.default('de'),
  /** Can work from home (phone/video) when not on site. */
  homeOffice: z.boolean().default(true),
});

export const rotationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('alternating-weeks'),
    /** Monday of a week in which `teams[0]` is on site. */
    anchorMonday: isoDate,
    teams: z.tuple([id, id]),
  }),
  z.object({
    type: z.literal('half-days'),
    /** Local time at which the morning shift hands over to the afternoon shift. */
    switchAt: hhmm,
    /** `teams[0]` has the mornings in the anchor week; with `alternateWeekly` the halves swap every week. */
    anchorMonday: isoDate,
    teams: z.tuple([id, id]),
    alternateWeekly: z.boolean().default(true),
  }),
]);

export const directorySchema = z
  .object({
    organisation: z.object({
      name: z.string().min(1),
      mailbox: z.email(),
      address: z.string().min(1),
      phone: z.string().min(3),
      timezone: z.literal('Europe/Berlin').default('Europe/Berlin'),
      /** The accessibility enforcement body of the town's Land (named in the accessibility statement). */
      enforcementBody: z
        .object({
          name: z.string().trim().min(3),
          url: z.url({ protocol: /^https?$/ }).optional(),
          email: z.email().optional(),
          address: z.string().trim().min(3).optional(),
        })
        .strict()
        .optional(),
    }),
    holidays: z.array(isoDate).default([]),
    teams: z.array(teamSchema).min(1),
    rotation: rotationSchema.optional(),
    services: z.array(serviceSchema).min(1),
    staff: z.array(staffSchema).min(1),
  })
  .superRefine((d, ctx) => {
    const teamIds = new Set(d.teams.map((t) => t.id));
    const serviceIds = new Set(d.services.map((s) => s.id));
    const dup = (items: { id: string }[], key: string) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${it.id}"` });
        seen.add(it.id);
      });
    };
    dup(d.teams, 'teams');
    dup(d.services, 'services');
    dup(d.staff, 'staff');
    // A name or synonym must lead to one service only (compared as the booking sentence parser does).
    const fold = (w: string) =>
      skeleton(foldText(w))
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const owner = new Map<string, string>();
    d.services.forEach((s) =>
      [s.name.de, s.name.en, s.id].forEach((n) => owner.set(fold(n), owner.get(fold(n)) ?? s.id)),
    );
    d.services.forEach((s, i) => {
      (['de', 'en'] as const).forEach((lang) =>
        s.synonyms[lang].forEach((w, j) => {
          const other = owner.get(fold(w));
          if (other && other !== s.id)
            ctx.addIssue({
              code: 'custom',
              path: ['services', i, 'synonyms', lang, j],
              message: `"${w}" already names service "${other}"`,
            });
          else owner.set(fold(w), s.id);
        }),
      );
    });
    const aad = new Set<string>();
    d.staff.forEach((s, i) => {
      if (!teamIds.has(s.team))
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'team'], message: `unknown team "${s.team}"` });
      s.supervises.forEach((t, j) => {
        if (!teamIds.has(t))
          ctx.addIssue({ code: 'custom', path: ['staff', i, 'supervises', j], message: `unknown team "${t}"` });
      });
      s.services.forEach((sv, j) => {
        if (!serviceIds.has(sv))
          ctx.addIssue({ code: 'custom', path: ['staff', i, 'services', j], message: `unknown service "${sv}"` });
      });
      if (aad.has(s.aadObjectId.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'aadObjectId'], message: 'duplicate aadObjectId' });
      aad.add(s.aadObjectId.toLowerCase());
    });
    const knownTeams = (list: 'everyone' | string[] | undefined, path: (string | number)[]) => {
      if (Array.isArray(list))
        list.forEach((t, j) => {
          if (!teamIds.has(t)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `unknown team "${t}"` });
        });
    };
    d.teams.forEach((t, i) => knownTeams(t.bookableBy, ['teams', i, 'bookableBy']));
    d.services.forEach((s, i) => knownTeams(s.bookableBy, ['services', i, 'bookableBy']));
    d.services.forEach((s, i) =>
      (['de', 'en'] as const).forEach((lang) => {
        if (s.bring && !s.bring.short && s.bring[lang].length > BRING_SHORT_MAX)
          ctx.addIssue({
            code: 'custom',
            path: ['services', i, 'bring', 'short'],
            message: `required when "bring.${lang}" is longer than ${BRING_SHORT_MAX} characters (SMS carry the short form)`,
          });
      }),
    );
    const shiftTeams = d.teams.filter((t) => t.shift).map((t) => t.id);
    if (shiftTeams.length > 0 && !d.rotation)
      ctx.addIssue({ code: 'custom', path: ['rotation'], message: 'required when a team has "shift": true' });
    if (d.rotation) {
      d.rotation.teams.forEach((t, j) => {
        if (!shiftTeams.includes(t))
          ctx.addIssue({
            code: 'custom',
            path: ['rotation', 'teams', j],
            message: `"${t}" is not a team with "shift": true`,
          });
      });
      if (d.rotation.teams[0] === d.rotation.teams[1])
        ctx.addIssue({ code: 'custom', path: ['rotation', 'teams'], message: 'the two shift teams must differ' });
    }
  });

export type { Directory };
export type DirectoryInput = z.input<typeof directorySchema>;

/**
 * The domain owns the directory's types (src/domain/types.ts); these schemas must validate into
 * exactly them. A schema that drifts from its type (a field added, renamed, made optional) fails
 * the type check here.
 */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemasMatchDomainTypes: [
  Same<z.infer<typeof channelSchema>, Channel>,
  Same<z.infer<typeof languageSchema>, Language>,
  Same<z.infer<typeof weeklyHoursSchema>, WeeklyHours>,
  Same<z.infer<typeof serviceSchema>, Service>,
  Same<z.infer<typeof teamSchema>, Team>,
  Same<z.infer<typeof staffSchema>, Staff>,
  Same<z.infer<typeof rotationSchema>, Rotation>,
  Same<z.infer<typeof directorySchema>, Directory>,
] = [true, true, true, true, true, true, true, true];
void schemasMatchDomainTypes;

/** Formats a zod path like `staff[3].hours.tue`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}

export function parseDirectory(data: unknown, source = 'directory'): Directory {
  const result = directorySchema.safeParse(data);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`);
  throw new ConfigError(`Invalid ${source}: ${lines.join('; ')}`);
}

export function loadDirectoryFile(path: string): Directory {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`DIRECTORY_FILE: cannot read "${path}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new ConfigError(`DIRECTORY_FILE: "${path}" is not valid JSON (${(e as Error).message})`);
  }
  return parseDirectory(data, `directory file "${path}"`);
}
