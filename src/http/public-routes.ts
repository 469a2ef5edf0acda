/**
 * What the routes without login (citizen pages, staff calendar feed) share: their dependencies
 * and the per-IP rate limit that guards their tokens against guessing.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import type { CitizenLinks } from '../app/citizen-links';
import type { AppointmentReader } from '../app/ports';
import type { Clock } from '../domain/clock';
import type { Directory, Language } from '../domain/types';
import type { Logger } from '../logger';
import { countRequest } from '../store/request-counts';
import { clientAddress, directRequestWarning, parseTrustProxy } from './client-address';
import type { RedisClient } from '../store/redis-client';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface PublicRouteDeps {
  redis: RedisClient;
  appointments: AppointmentReader;
  /** A function when the directory is reloadable: read per request. */
  directory: Directory | (() => Directory);
  links: CitizenLinks;
  clock: Clock;
  logger: Logger;
  /** Requests per client IP and window (default 30 per minute). */
  rateLimit?: RateLimit;
  /** TRUST_PROXY: a hop count or the proxies' addresses/CIDRs (src/http/client-address.ts); empty = no proxy. */
  trustProxy?: string;
}

const DEFAULT_RATE_LIMIT: RateLimit = { max: 30, windowMs: 60_000 };

export function currentDirectory(deps: Pick<PublicRouteDeps, 'directory'>): Directory {
  return typeof deps.directory === 'function' ? deps.directory() : deps.directory;
}

/** Fixed-window counter per IP; true while the request is within the limit. */
async function withinRateLimit(redis: RedisClient, ip: string, limit: RateLimit, now: number): Promise<boolean> {
  return (await countRequest(redis, ip, limit.windowMs, now)) <= limit.max;
}

/**
 * The rate limit of a set of public routes. Every request counts, wrong tokens included, so
 * guessing is as slow as the limit. Instances share the counters (Redis).
 */
export function rateLimiter(deps: Pick<PublicRouteDeps, 'redis' | 'clock' | 'rateLimit' | 'trustProxy' | 'logger'>): {
  limit: RateLimit;
  allows(req: Request): Promise<boolean>;
} {
  const limit = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
  const trust = parseTrustProxy(deps.trustProxy);
  let warned = false;
  return {
    limit,
    allows: (req) => {
      const forwardedFor = req.header('x-forwarded-for') || undefined;
      const direct = warned ? undefined : directRequestWarning(trust, forwardedFor);
      if (direct) {
        warned = true;
        deps.logger.warn(direct);
      }
      return withinRateLimit(
        deps.redis,
        clientAddress(req.socket?.remoteAddress, forwardedFor, trust),
        limit,
        deps.clock.now(),
      );
    },
  };
}

/** A path parameter as a string, '' when absent (restify types `req.params` as any). */
export function routeParam(req: Request, name: string): string {
  const params: unknown = req.params;
  const value: unknown = params && typeof params === 'object' ? (params as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

const LANGUAGE = z.enum(['de', 'en']);

/** The language asked for with ?lang=de|en, if any. */
export function requestedLanguage(req: Request): Language | undefined {
  const asked = LANGUAGE.safeParse(new URL(req.url ?? '/', 'http://x').searchParams.get('lang'));
  return asked.success ? asked.data : undefined;
}
