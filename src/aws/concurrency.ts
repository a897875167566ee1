// Bounded parallelism: at most about 8 KMS requests in flight, whatever the number of keys, so a fleet with
// 50 keys stays far inside KMS's per-account request quotas and the SDK's socket pool.
export const KEY_CALL_CONCURRENCY = 8

export type Limiter = <T>(call: () => Promise<T>) => Promise<T>

/** Runs calls with at most `limit` of them in flight at once; the rest wait their turn in order. */
export function createLimiter(limit: number): Limiter {
  let active = 0
  const waiting: Array<() => void> = []
  return async <T>(call: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>(resolve => waiting.push(resolve))
    else active++
    try {
      return await call()
    } finally {
      // Hand the slot straight to the next waiter, or free it.
      const next = waiting.shift()
      if (next) next()
      else active--
    }
  }
}
