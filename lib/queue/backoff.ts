export type BackoffOptions = {
  /** Ceiling of the first retry's delay. Default 1 s. */
  baseMs?: number;
  /** The ceiling never grows past this. Default 5 min. */
  capMs?: number;
  /** Source of randomness in [0, 1); tests pass a fixed one. */
  random?: () => number;
};

export const DEFAULT_BACKOFF = { baseMs: 1_000, capMs: 5 * 60_000 } as const;

/**
 * Delay before retry number `attempt` (1 after the first failure): exponential
 * (base x 2^(attempt-1), capped) with full jitter, i.e. uniform in [0, ceiling),
 * so jobs that failed together do not all come back at the same moment.
 */
export function backoffMs(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const capMs = options.capMs ?? DEFAULT_BACKOFF.capMs;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for huge attempts; min() keeps it at the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
