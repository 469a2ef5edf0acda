/**
 * Replanning proposals between "shown to a supervisor" and "confirmed": the absences, the current
 * plan of what is still open, and what was already decided. The card carries only the id and the
 * version it was drawn from, so any instance can continue it and a stale card is recognised.
 *
 * No citizen data: plan items hold ids, staff ids and times; names are read when a card is drawn.
 * Proposals expire after `ttlMs` (default 14 days): by then the absence is over.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ReplanProposal } from '../app/ports';
import { keys } from './keys';
import type { RedisClient } from './redis-client';
import { runScript } from './scripts';

export type { ReplanProposal };

const placement = z.object({
  staffId: z.string(),
  channel: z.enum(['video', 'phone', 'in-person']),
  start: z.number(),
  end: z.number(),
  blockStart: z.number(),
  blockEnd: z.number(),
});
const action = z.enum(['convert', 'reassign', 'reschedule', 'unplaced']);
const proposalSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  createdAt: z.number(),
  createdBy: z.string(),
  absences: z.array(
    z.object({
      id: z.string(),
      staffId: z.string(),
      from: z.string(),
      to: z.string(),
      mode: z.enum(['absent', 'home-office-only']),
      reason: z.enum(['sick', 'leave', 'quarantine', 'other']),
      reportedBy: z.string(),
      createdAt: z.number(),
    }),
  ),
  plan: z.object({
    computedAt: z.number(),
    absenceIds: z.array(z.string()),
    items: z.array(
      z.object({
        appointmentId: z.string(),
        expectedSequence: z.number().int(),
        serviceId: z.string(),
        serviceIds: z.array(z.string()).optional(),
        action,
        from: placement,
        to: placement.optional(),
        reason: z.enum(['no-qualified-colleague', 'no-free-slot']).optional(),
      }),
    ),
    counts: z.object({ converted: z.number(), reassigned: z.number(), rescheduled: z.number(), unplaced: z.number() }),
  }),
  decided: z.array(
    z.object({
      appointmentId: z.string(),
      serviceId: z.string(),
      serviceIds: z.array(z.string()).optional(),
      action,
      from: placement,
      to: placement.optional(),
      outcome: z.enum(['applied', 'changed']),
    }),
  ),
});

export class ReplanProposalStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttlMs = 14 * 24 * 3600 * 1000,
  ) {}

  async save(p: ReplanProposal): Promise<void> {
    await this.redis.set(keys.replanProposal(p.id), JSON.stringify(proposalSchema.parse(p)), 'PX', this.ttlMs);
  }

  async get(id: string): Promise<ReplanProposal | null> {
    const raw = await this.redis.get(keys.replanProposal(id));
    if (!raw) return null;
    const parsed = proposalSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  /**
   * Runs `work` while holding the proposal's lock (two supervisors pressing at once: the second is
   * told to wait instead of applying on an outdated record). Returns null when the lock is taken.
   */
  async withLock<T>(id: string, work: () => Promise<T>, leaseMs = 60_000): Promise<T | null> {
    const token = randomBytes(8).toString('hex');
    if ((await this.redis.set(keys.replanProposalLock(id), token, 'PX', leaseMs, 'NX')) !== 'OK') return null;
    try {
      return await work();
    } finally {
      await runScript<number>(this.redis, 'releaseLock', [keys.replanProposalLock(id)], [token]);
    }
  }
}
