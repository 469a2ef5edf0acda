/**
 * Shared by the load benchmarks (bench/load.ts, bench/rss.ts): Teams-shaped activities, the local
 * Bot Connector that takes the bots' replies, and the part of autocannon's API they use.
 */
import { randomUUID } from 'node:crypto';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
}
export interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest: (req: { body?: string }) => { body?: string };
}
export type Autocannon = (opts: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  timeout?: number;
  /** ms between autocannon's samples; it also ends a run with `amount` only at a sample (default 1000). */
  sampleInt?: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require('autocannon') as Autocannon;

/** The local Bot Connector: accepts every reply (keep-alive), counts them. */
export class Connector {
  posts = 0;
  /** Bytes of the replies' bodies (what the bot sends per turn). */
  bytes = 0;
  private server: Server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (this.bytes += chunk.length));
    req.on('end', () => {
      if (req.method === 'POST') this.posts++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"id":"${randomUUID()}"}`);
    });
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** A personal-chat activity of the user with `aadObjectId` (fresh id, so no turn is a duplicate). */
export function teamsActivity(connectorUrl: string, aadObjectId: string, extra: Record<string, unknown>) {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: `29:${aadObjectId}`, name: 'Staff', aadObjectId, role: 'user' },
    recipient: { id: '28:sprechstunde-bot', name: 'Sprechstunde', role: 'bot' },
    conversation: {
      id: `a:personal-${aadObjectId}`,
      conversationType: 'personal',
      tenantId: 'bench-tenant',
      isGroup: false,
    },
    channelData: { tenant: { id: 'bench-tenant' } },
    locale: 'de-DE',
    localTimezone: 'Europe/Berlin',
    ...extra,
  };
}

/** Whether anything answers HTTP at `url` (a started bot is listening). */
export function answers(url: string): Promise<boolean> {
  return new Promise((done) => {
    get(url, (res) => {
      res.resume();
      done(true);
    }).on('error', () => done(false));
  });
}
