import { loadEnv } from '../../src/config/env';
import {
  createMeetingProvider,
  randomRoomName,
  UrlTemplateMeetingProvider,
  GraphMeetingProvider,
} from '../../src/meetings';

const request = {
  appointmentId: 'a1',
  subject: 'Beratung',
  start: Date.UTC(2026, 2, 2, 9),
  end: Date.UTC(2026, 2, 2, 9, 30),
};

describe('URL template meeting provider', () => {
  it('puts a fresh unguessable room of at least 128 bits into the template', async () => {
    const provider = new UrlTemplateMeetingProvider('https://meet.jit.si/seelze-{room}');
    const { joinUrl } = await provider.createMeeting(request);
    const room = /^https:\/\/meet\.jit\.si\/seelze-([a-z2-7]+)$/.exec(joinUrl)?.[1];
    expect(room).toBeDefined();
    expect(room!.length * 5).toBeGreaterThanOrEqual(128);
  });

  it('gives every meeting its own room', async () => {
    const provider = new UrlTemplateMeetingProvider('https://bbb.example.de/rooms/{room}/join');
    const urls = await Promise.all(Array.from({ length: 200 }, () => provider.createMeeting(request)));
    expect(new Set(urls.map((u) => u.joinUrl)).size).toBe(200);
  });

  it('uses only lowercase letters and digits, so the URL needs no encoding and survives lowercasing', () => {
    for (let i = 0; i < 50; i++) {
      const room = randomRoomName();
      expect(room).toMatch(/^[a-z2-7]{32}$/);
      expect(encodeURIComponent(room)).toBe(room);
    }
  });

  it('encodes the random bytes as RFC 4648 base32', () => {
    expect(randomRoomName(() => Buffer.from('foobar'))).toBe('mzxw6ytboi');
    expect(randomRoomName(() => Buffer.from('f'))).toBe('my');
  });

  it('replaces every {room} of the template with the same room', async () => {
    const provider = new UrlTemplateMeetingProvider('https://video.example.de/{room}?name={room}', () =>
      Buffer.from('foobar'),
    );
    expect((await provider.createMeeting(request)).joinUrl).toBe('https://video.example.de/mzxw6ytboi?name=mzxw6ytboi');
  });

  it('refuses a template without {room} or that is no URL', () => {
    expect(() => new UrlTemplateMeetingProvider('https://meet.jit.si/fixed')).toThrow(/must contain \{room\}/);
    expect(() => new UrlTemplateMeetingProvider('meet {room}')).toThrow();
  });
});

describe('createMeetingProvider', () => {
  it('chooses the URL template provider by default', async () => {
    const provider = createMeetingProvider(loadEnv({ MEETING_URL_TEMPLATE: 'https://meet.example.de/{room}' }));
    expect(provider).toBeInstanceOf(UrlTemplateMeetingProvider);
    expect((await provider.createMeeting(request)).joinUrl).toMatch(/^https:\/\/meet\.example\.de\/[a-z2-7]{32}$/);
  });

  it('chooses the Teams provider with MEETING_PROVIDER=teams', () => {
    const env = loadEnv({
      MEETING_PROVIDER: 'teams',
      GRAPH_TENANT_ID: 'tenant',
      GRAPH_CLIENT_ID: 'client',
      GRAPH_CLIENT_SECRET: 'secret',
      GRAPH_ORGANIZER_USER_ID: 'organizer',
    });
    expect(createMeetingProvider(env)).toBeInstanceOf(GraphMeetingProvider);
  });

  it('names the missing Graph variables', () => {
    const env = { ...loadEnv({}), MEETING_PROVIDER: 'teams' as const, GRAPH_TENANT_ID: 'tenant' };
    expect(() => createMeetingProvider(env)).toThrow(
      'Invalid configuration: GRAPH_CLIENT_ID: required with MEETING_PROVIDER=teams; GRAPH_CLIENT_SECRET: required with MEETING_PROVIDER=teams; GRAPH_ORGANIZER_USER_ID: required with MEETING_PROVIDER=teams',
    );
  });
});
