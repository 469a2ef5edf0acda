/**
 * A real CalDAV server for the calendar tests: Debian's Radicale 3, started on a free loopback port
 * with a temporary storage folder (`--auth-type none` accepts any Basic user; Radicale 3 has no
 * `--rights-type none`, so `authenticated` lets that user read and write everything).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vtimezone } from '../../src/invitations/vtimezone';
import { TIME_ZONE } from '../../src/domain/types';
import { freeLoopbackPort } from '../reliability/support';

export const RADICALE_USER = 'sync';
const auth = `Basic ${Buffer.from(`${RADICALE_USER}:secret`).toString('base64')}`;

export class Radicale {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly folder: string,
  ) {}

  static async start(): Promise<Radicale> {
    const folder = await mkdtemp(join(tmpdir(), 'sprech-radicale-'));
    const port = await freeLoopbackPort();
    const child = spawn(
      'radicale',
      [
        '--config',
        '',
        '--server-hosts',
        `127.0.0.1:${port}`,
        '--storage-filesystem-folder',
        join(folder, 'collections'),
        '--auth-type',
        'none',
        '--rights-type',
        'authenticated',
        '--logging-level',
        'warning',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += String(d)));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`radicale exited ${child.exitCode}: ${stderr}`);
      const ok = await fetch(`${url}/.web/`, { signal: AbortSignal.timeout(500) }).then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (i > 100) throw new Error(`radicale did not answer: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return new Radicale(url, child, folder);
  }

  calendarUrl(upn: string): string {
    return `${this.url}/${encodeURIComponent(upn)}/calendar/`;
  }

  async request(method: string, path: string, body?: string, contentType = 'text/calendar; charset=utf-8') {
    const res = await fetch(path.startsWith('http') ? path : `${this.url}${path}`, {
      method,
      headers: { authorization: auth, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body } : {}),
    });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status}`);
    return res.status;
  }

  /** Creates the user's collection (MKCOL) and their calendar in it (MKCALENDAR). */
  async createCalendar(upn: string): Promise<void> {
    await this.request('MKCOL', `${this.url}/${encodeURIComponent(upn)}/`);
    await this.request('MKCALENDAR', this.calendarUrl(upn));
  }

  async putEvent(upn: string, name: string, ics: string): Promise<void> {
    await this.request('PUT', `${this.calendarUrl(upn)}${name}.ics`, ics);
  }

  async deleteEvent(upn: string, name: string): Promise<void> {
    await this.request('DELETE', `${this.calendarUrl(upn)}${name}.ics`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.folder, { recursive: true, force: true });
  }
}

/** A VCALENDAR with one VEVENT (times as given: `20260324T090000Z` or with `;TZID=…`). */
export function vevent(uid: string, lines: { start: string; end?: string; extra?: string[] }, prodTz = true): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Sprechstunde tests//EN',
    ...(prodTz ? [vtimezone(TIME_ZONE)] : []),
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T000000Z',
    `DTSTART${lines.start}`,
    ...(lines.end ? [`DTEND${lines.end}`] : []),
    'SUMMARY:Teamrunde',
    ...(lines.extra ?? []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
