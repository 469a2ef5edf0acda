/**
 * A bounded memo: the value of `key` from `cache`, computed once and kept; a cache that reaches `max`
 * entries starts again empty (what is asked for often is back at once). For pure lookups on hot paths.
 */
export function remember<K, V>(cache: Map<K, V>, key: K, max: number, compute: () => V): V {
  if (cache.has(key)) return cache.get(key)!;
  const value = compute();
  if (cache.size >= max) cache.clear();
  cache.set(key, value);
  return value;
}
