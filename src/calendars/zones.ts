import { IANAZone } from 'luxon';

const validZones = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone; remembered per name (IANAZone.isValidZone builds an Intl formatter, about a millisecond). */
export function isKnownZone(zone: string): boolean {
  let ok = validZones.get(zone);
  if (ok === undefined) validZones.set(zone, (ok = IANAZone.isValidZone(zone)));
  return ok;
}
