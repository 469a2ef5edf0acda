import { randomBytes } from 'node:crypto';
import type { MeetingProvider, MeetingRequest } from '../app/ports';

/** 20 random bytes = 160 bits; base32 gives 32 characters. */
const ROOM_BYTES = 20;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * An unguessable room name: lowercase base32 (a–z, 2–7), so it survives systems that lowercase
 * room names (Jitsi does) without losing entropy, and needs no URL encoding.
 */
export function randomRoomName(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(ROOM_BYTES);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Meeting links for room-per-URL systems (Jitsi, BigBlueButton front ends, …): every `{room}` in
 * the template is replaced by a fresh unguessable room name. Nothing is called; the room exists
 * once someone opens the link.
 */
export class UrlTemplateMeetingProvider implements MeetingProvider {
  constructor(
    private readonly template: string,
    private readonly random: (size: number) => Buffer = randomBytes,
  ) {
    if (!template.includes('{room}')) throw new Error('MEETING_URL_TEMPLATE must contain {room}');
    // Fails early on a template that cannot become a URL.
    new URL(template.replaceAll('{room}', 'room'));
  }

  createMeeting(_request: MeetingRequest): Promise<{ joinUrl: string }> {
    return Promise.resolve({ joinUrl: this.template.replaceAll('{room}', randomRoomName(this.random)) });
  }
}
