/**
 * The one convention for errors in logs: `logger.error({ err: safeError(e) }, '…')`.
 * Error details for logs without personal data: type, code and stack frames, not the message.
 * Pure (here in the domain) so that use cases log errors the same way as the edges.
 */
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  const frames = (e.stack ?? '')
    .split('\n')
    .slice(1, 8)
    .map((l) => l.trim());
  return {
    type: e.name,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    ...redisCause(e),
    frames,
  };
}

/**
 * A Redis error reply names its cause in its first word (OOM, READONLY, MISCONF, …) — no personal
 * data, and the one fact an operator needs: "ReplyError" alone does not say that Redis is full.
 */
export function redisCause(e: Error): { cause?: string } {
  if (e.name !== 'ReplyError') return {};
  const word = /^([A-Z][A-Z_-]{1,30})\b/.exec(e.message)?.[1];
  if (!word) return { cause: 'redis error reply' };
  const known: Record<string, string> = {
    OOM: 'Redis is out of memory (maxmemory reached, noeviction): writes are refused',
    READONLY: 'Redis is a read-only replica: writes are refused',
    MISCONF: 'Redis cannot persist (RDB/AOF error): writes are refused',
    LOADING: 'Redis is loading its data set',
    BUSY: 'Redis is busy running a script',
    CLUSTERDOWN: 'Redis Cluster is down',
    NOSCRIPT: 'Lua script not loaded',
  };
  return { cause: `${word}: ${known[word] ?? 'Redis refused the command'}` };
}
