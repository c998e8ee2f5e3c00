let lastMs = 0;
let counter = 0;

/**
 * UUIDv7: time-ordered, so ids sort by creation and serve directly as
 * pagination cursors, yet stay unguessable enough to be used in URLs.
 * Within one millisecond a 12-bit counter (RFC 9562, method 1) keeps ids from
 * this process strictly increasing, so "newest first" is exact.
 */
export function newId(): string {
  // Web Crypto (global in Node and browsers), not node:crypto: lib/domain may reach client
  // bundles, where node:crypto drags in polyfills that probe `Function(...)` (a CSP violation).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++; // borrow the next millisecond rather than wrap
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = bytes[7]! & 0x7f; // start low in the counter's range, leaving room to count up
  }
  const big = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((big >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Current time as ISO-8601 UTC with milliseconds, the format of every stored time. */
export function nowIso(): string {
  return new Date().toISOString();
}
