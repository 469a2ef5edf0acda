/**
 * The outbox: mails and Teams messages delivered at least once, each side effect exactly once
 * under its dedupe key.
 *
 *   messages.ts      the stream entry ({ key, msg }), its zod schema and every dedupe key builder
 *   stream.ts        appending outside a booking script (alerts; reminders once per marker)
 *   consumer.ts      consumer group, leases, retries with backoff, delivered markers, dead-lettering;
 *                    calls an OutboxDelivery per entry (src/delivery/outbox-worker.ts)
 *   dead-letters.ts  the dead-letter list: count, list, replay (npm run outbox)
 *
 * Booking scripts (appointments.ts) append their entries in the same atomic step as the change.
 */
export * from './messages';
export * from './stream';
export * from './consumer';
export * from './dead-letters';
