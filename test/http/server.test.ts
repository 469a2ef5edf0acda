import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { postJson, startTeamsHarness, type TeamsHarness } from '../support/teams-harness';

describe('HTTP endpoints', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ label: 'http' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('GET /healthz answers 200 while the process is up', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`, { headers: { connection: 'close' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 with Redis detail when Redis answers', async () => {
    const res = await fetch(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', redis: { status: 'ok' }, directory: { staff: 13 } });
  });

  it('refuses a body over the size limit with 413 and runs no turn', async () => {
    const activity = h.activity(h.user(), { type: 'message', text: 'x'.repeat(300 * 1024) });
    const { status } = await postJson(`${h.baseUrl}/api/messages`, JSON.stringify(activity));
    expect(status).toBe(413);
    expect(h.connector.activities.filter((a) => a.replyToId === activity.id)).toHaveLength(0);
  });

  it('refuses a multipart upload with 415 before reading it, and leaves no file in the temp dir', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(2 * 1024 * 1024, 1)]), 'big.bin');
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: 'POST', body: form });
    expect(res.status).toBe(415);
    const cancel = await fetch(`${h.baseUrl}/c/any-token/cancel`, { method: 'POST', body: form });
    expect(cancel.status).toBe(415);
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('upload_'))).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const { status } = await postJson(`${h.baseUrl}/api/messages`, '{not json');
    expect(status).toBe(400);
  });
});

describe('GET /readyz when Redis stops answering', () => {
  it('answers 503 with the Redis error while /healthz stays 200', async () => {
    const h = await startTeamsHarness({ label: 'http-no-redis' });
    try {
      h.appRedis!.disconnect();
      const res = await fetch(`${h.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', redis: { status: 'error' } });
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('authentication on (MicrosoftAppId configured)', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({
      label: 'http-auth',
      env: {
        MicrosoftAppId: '3f2a1b4c-0000-4000-8000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: '11111111-2222-3333-4444-555555555555',
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses an unsigned request with 401 and runs no turn', async () => {
    const activity = h.activity(h.user(), { type: 'message', text: 'hilfe' });
    const turn = await h.send(activity);
    expect(turn.status).toBe(401);
    expect(h.connector.activities).toHaveLength(0);
    expect(await h.app.services.conversationRefs.get(h.user().aadObjectId)).toBeNull();
    // The activity was never claimed as seen: claiming it now succeeds.
    expect(await h.app.services.dedupe.claim(activity.conversation!.id, activity.id!)).toBe(true);
  });

  it('refuses a request with a forged bearer token with 401', async () => {
    const forged = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJhdWQiOiJ4In0.';
    const turn = await h.send(h.activity(h.user(), { type: 'message', text: 'hilfe' }), {
      authorization: `Bearer ${forged}`,
    });
    expect(turn.status).toBe(401);
    expect(h.connector.activities).toHaveLength(0);
  });
});

describe('graceful shutdown', () => {
  it('stops accepting, lets the running turn finish and deliver its reply, then closes', async () => {
    const h = await startTeamsHarness({ label: 'http-shutdown' });
    try {
      const release = h.connector.pause();
      const turn = h.send(h.activity(h.user(), { type: 'message', text: 'hilfe' }));
      while (h.connector.pending() === 0) await new Promise((r) => setImmediate(r));

      const closed = h.app.close();
      await expect(fetch(`${h.baseUrl}/healthz`)).rejects.toThrow();

      release();
      const result = await turn;
      expect(result.status).toBe(200);
      expect(result.replies).toHaveLength(1);
      await expect(closed).resolves.toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
