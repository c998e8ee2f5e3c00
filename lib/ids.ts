import crypto from "node:crypto";

/**
 * UUIDv7: time-ordered, so ids sort by creation and serve directly as
 * pagination cursors, yet stay unguessable enough to be used in URLs.
 */
export function newId(): string {
  const bytes = crypto.randomBytes(16);
  const ms = BigInt(Date.now());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Current time as ISO-8601 UTC with milliseconds, the format of every stored time. */
export function nowIso(): string {
  return new Date().toISOString();
}
