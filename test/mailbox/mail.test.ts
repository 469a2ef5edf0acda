/**
 * Judging one mail: the iTIP answer as each client writes it, mail loops, mail for people, broken
 * and oversized mail. No server needed; the IMAP path is in imap.test.ts.
 */
import cron from 'node-cron';
import { loadEnv } from '../../src/config/env';
import { pollCron } from '../../src/mailbox';
import { judgeMail, loopReason, parseHeaderBlock } from '../../src/mailbox/mail';
import { readItip } from '../../src/mailbox/itip';
import { parseMailboxUrl } from '../../src/mailbox/imap-source';
import { replyMail, REPLY_CLIENTS, type ReplyVars } from './fixtures';

const own = ['termine@seelze.example'];
const v: ReplyVars = {
  uid: 'appt_4711@sprechstunde',
  sequence: 2,
  partstat: 'DECLINED',
  attendee: 'erika@example.org',
  start: Date.UTC(2026, 2, 4, 8),
  end: Date.UTC(2026, 2, 4, 8, 15),
  stamp: Date.UTC(2026, 2, 2, 7),
};

describe('an iTIP answer, as each client writes it', () => {
  it.each(REPLY_CLIENTS)('%s: UID, SEQUENCE, DTSTAMP and the ATTENDEE with PARTSTAT are read', async (client) => {
    const verdict = await judgeMail(replyMail(client, v), own);
    expect(verdict).toEqual({
      kind: 'answer',
      answer: {
        method: 'REPLY',
        uid: v.uid,
        sequence: 2,
        stamp: v.stamp,
        attendees: [{ email: 'erika@example.org', partstat: 'DECLINED' }],
      },
    });
  });

  it('METHOD only in the MIME type (none in the body) is understood', async () => {
    const raw = replyMail('thunderbird', v)
      .toString('utf8')
      .replace(/METHOD:REPLY\r\n/g, '');
    const verdict = await judgeMail(Buffer.from(raw), own);
    expect(verdict).toMatchObject({ kind: 'answer', answer: { method: 'REPLY', uid: v.uid } });
  });

  it("METHOD only in the body (Apple Calendar's attachment has no method= in its type) is understood", async () => {
    const raw = replyMail('apple', v).toString('utf8');
    expect(raw).not.toMatch(/method=/i);
    expect(await judgeMail(Buffer.from(raw), own)).toMatchObject({ kind: 'answer' });
  });

  it('COUNTER from Outlook ("new time proposed") is an answer too', async () => {
    expect(await judgeMail(replyMail('outlook', { ...v, method: 'COUNTER' }), own)).toMatchObject({
      kind: 'answer',
      answer: { method: 'COUNTER', uid: v.uid },
    });
  });

  it("COUNTER: the proposed time (Outlook's Windows zone with its VTIMEZONE, across the spring change) and the comment", async () => {
    // 30 March 2026, after the switch to summer time: 10:00 in Berlin is 08:00 UTC.
    const start = Date.UTC(2026, 2, 30, 8);
    const verdict = await judgeMail(
      replyMail('outlook', { ...v, method: 'COUNTER', start, end: start + 15 * 60_000, comment: 'Lieber montags' }),
      own,
    );
    expect(verdict).toMatchObject({
      kind: 'answer',
      answer: { method: 'COUNTER', proposed: { start, end: start + 15 * 60_000 }, comment: 'Lieber montags' },
    });
  });

  it('a time in UTC, an IANA zone without VTIMEZONE, or none at all (read in Berlin) is the same instant', () => {
    const start = Date.UTC(2026, 2, 30, 8);
    const counter = (dtstart: string, dtend: string) =>
      readItip(
        `BEGIN:VCALENDAR\r\nMETHOD:COUNTER\r\nBEGIN:VEVENT\r\nUID:${v.uid}\r\nSEQUENCE:0\r\n${dtstart}\r\n${dtend}\r\nATTENDEE;PARTSTAT=TENTATIVE:mailto:erika@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
      );
    for (const [s, e] of [
      ['DTSTART:20260330T080000Z', 'DTEND:20260330T081500Z'],
      ['DTSTART;TZID=Europe/Berlin:20260330T100000', 'DTEND;TZID=Europe/Berlin:20260330T101500'],
      ['DTSTART:20260330T100000', 'DURATION:PT15M'],
    ])
      expect(counter(s!, e!)).toMatchObject({ ok: true, answer: { proposed: { start, end: start + 15 * 60_000 } } });
  });

  it('a forwarded reply is read from inside the forward; the forwarder does not matter', async () => {
    const verdict = await judgeMail(replyMail('forwarded', { ...v, forwarder: 'someone@example.net' }), own);
    expect(verdict).toMatchObject({ kind: 'answer', answer: { attendees: [{ email: 'erika@example.org' }] } });
  });
});

describe('what is not an answer', () => {
  const people = Buffer.from(
    'From: hans@example.org\r\nTo: termine@seelze.example\r\nSubject: Frage\r\nMessage-ID: <q@example.org>\r\n\r\nHallo\r\n',
  );

  it('mail without a calendar part is for people', async () => {
    expect(await judgeMail(people, own)).toEqual({ kind: 'for-people' });
  });

  it('a forwarded invitation (REQUEST) is for people, not an answer', async () => {
    const raw = replyMail('thunderbird', v).toString('utf8').replace(/REPLY/g, 'REQUEST');
    // The base64 copy still says REPLY: drop it to have a pure REQUEST mail.
    const cut = raw.indexOf('--------------3xO0aQ9Vd2mK7pLr5sT1uW8y\r\nContent-Type: application/ics');
    expect(
      await judgeMail(Buffer.from(raw.slice(0, cut) + '--------------3xO0aQ9Vd2mK7pLr5sT1uW8y--\r\n'), own),
    ).toEqual({
      kind: 'for-people',
    });
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted'],
    ['X-Autoreply: yes', 'autoreply'],
    ['X-Autorespond: yes', 'autoreply'],
    ['Precedence: bulk', 'precedence'],
    ['Precedence: junk', 'precedence'],
    ['List-Id: <termine.seelze.example>', 'mailing-list'],
    ['Return-Path: <>', 'null-sender'],
  ])('a mail loop is never acted on: %s', async (header, why) => {
    const raw = replyMail('gmail', v).toString('utf8').replace('MIME-Version: 1.0', `${header}\r\nMIME-Version: 1.0`);
    expect(await judgeMail(Buffer.from(raw), own)).toEqual({ kind: 'loop', why });
  });

  it('a REPLY a calendar server generated for the attendee (Auto-Submitted: auto-generated) is read; a COUNTER is not', async () => {
    const generated = (raw: Buffer) =>
      Buffer.from(
        raw.toString('utf8').replace('MIME-Version: 1.0', 'Auto-Submitted: auto-generated\r\nMIME-Version: 1.0'),
      );
    expect(await judgeMail(generated(replyMail('gmail', v)), own)).toMatchObject({
      kind: 'answer',
      answer: { method: 'REPLY', uid: v.uid },
    });
    const counter = replyMail('gmail', v)
      .toString('utf8')
      .replace(/METHOD:REPLY/g, 'METHOD:COUNTER')
      .replace(/method=REPLY/g, 'method=COUNTER');
    expect(await judgeMail(generated(Buffer.from(counter)), own)).toEqual({ kind: 'loop', why: 'auto-submitted' });
    // Generated and also a bounce, a list mail or our own: still a loop.
    const bulk = Buffer.from(
      generated(replyMail('gmail', v))
        .toString('utf8')
        .replace('MIME-Version: 1.0', 'Precedence: bulk\r\nMIME-Version: 1.0'),
    );
    expect(await judgeMail(bulk, own)).toEqual({ kind: 'loop', why: 'auto-submitted' });
    expect(await judgeMail(generated(replyMail('gmail', { ...v, from: 'termine@seelze.example' })), own)).toEqual({
      kind: 'loop',
      why: 'auto-submitted',
    });
  });

  it('Auto-Submitted: no is a person', () => {
    expect(loopReason(parseHeaderBlock('Auto-Submitted: no\r\nFrom: a@example.org\r\n\r\n'), own)).toBeNull();
  });

  it.each([
    'Subject: Automatische Antwort: Bürgerbüro',
    'Subject: =?UTF-8?Q?Abwesenheitsnotiz:_B=C3=BCrgerb=C3=BCro?=',
    'Subject: Out of Office: Bürgerbüro',
    'Subject: =?iso-8859-1?B?QXV0b21hdGljIHJlcGx5OiBUZXJtaW4=?=',
  ])('an out-of-office reply is never acted on: %s', (subject) => {
    expect(loopReason(parseHeaderBlock(`From: a@example.org\r\n${subject}\r\n\r\n`), own)).toBe('out-of-office');
  });

  it('mail from our own address (a bounce of our invitation, a copy) is never acted on', async () => {
    const raw = replyMail('gmail', { ...v, from: 'termine@seelze.example' });
    expect(await judgeMail(raw, own)).toEqual({ kind: 'loop', why: 'own-mail' });
  });

  it('malformed iCalendar is reported as such', async () => {
    const raw = replyMail('apple', v).toString('utf8').replace('END:VEVENT', '');
    expect(await judgeMail(Buffer.from(raw), own)).toEqual({ kind: 'malformed' });
    expect(
      readItip(
        'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x@y\r\nSEQUENCE:abc\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      ),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(
      readItip('BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nSEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'),
    ).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('a mail above 1 MB is not parsed at all (a 20 MB attachment)', async () => {
    const big = Buffer.concat([replyMail('gmail', v), Buffer.alloc(20 * 1024 * 1024, 0x41)]);
    expect(await judgeMail(big, own)).toEqual({ kind: 'too-large' });
  });
});

describe('configuration', () => {
  it('MAILBOX_URL is read into host, port, TLS, user and folder', () => {
    expect(parseMailboxUrl('imaps://termine%40seelze.de@outlook.office365.com/INBOX')).toEqual({
      host: 'outlook.office365.com',
      port: 993,
      secure: true,
      user: 'termine@seelze.de',
      folder: 'INBOX',
    });
    expect(parseMailboxUrl('imap://termine@mail.seelze.de:143/Termine%20Antworten')).toMatchObject({
      port: 143,
      secure: false,
      folder: 'Termine Antworten',
    });
  });

  it('a bad mailbox setting stops start-up naming the variable', () => {
    expect(() => loadEnv({ MAILBOX_POLL_SECONDS: '7' })).toThrow(/MAILBOX_POLL_SECONDS: must divide a minute/);
    expect(() => loadEnv({ MAILBOX_POLL_SECONDS: 'often' })).toThrow(/MAILBOX_POLL_SECONDS/);
    expect(() => loadEnv({ MAILBOX_URL: 'pop3://x@host' })).toThrow(/MAILBOX_URL: must look like imaps:\/\//);
    expect(() => loadEnv({ MAILBOX_URL: 'imaps://u:secret@host/INBOX', MAILBOX_PASSWORD: 'x' })).toThrow(
      /MAILBOX_URL: must not contain the password/,
    );
    expect(() => loadEnv({ MAILBOX_URL: 'imaps://u@host/INBOX' })).toThrow(
      /MAILBOX_PASSWORD: required with MAILBOX_URL/,
    );
    expect(() => loadEnv({ MAILBOX_URL: 'imaps://u@host/INBOX', MAILBOX_AUTH: 'xoauth2' })).toThrow(
      /GRAPH_TENANT_ID: required with MAILBOX_AUTH=xoauth2/,
    );
    expect(() => loadEnv({ MAILBOX_AUTH: 'kerberos' })).toThrow(/MAILBOX_AUTH/);
    expect(loadEnv({}).MAILBOX_POLL_SECONDS).toBe(60);
    expect(loadEnv({}).REPLY_DIR).toBe('var/replies');
  });

  it('the poll interval becomes a cron expression with seconds', () => {
    expect(pollCron(60)).toBe('0 */1 * * * *');
    expect(pollCron(15)).toBe('*/15 * * * * *');
    expect(pollCron(300)).toBe('0 */5 * * * *');
    for (const n of [5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600])
      expect(cron.validate(pollCron(n))).toBe(true);
  });
});
