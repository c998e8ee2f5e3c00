import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("doubles the ceiling from 1 s per attempt, caps it, and jitters below it", () => {
    const top = () => 0.999999;
    expect(backoffMs(1, { random: top })).toBe(999);
    expect(backoffMs(2, { random: top })).toBe(1_999);
    expect(backoffMs(4, { random: top })).toBe(7_999);
    expect(backoffMs(30, { random: top })).toBe(5 * 60_000 - 1);
    expect(backoffMs(10_000, { random: top, capMs: 10 })).toBe(9);
    expect(backoffMs(3, { random: () => 0 })).toBe(0);
  });

  it("stays within [0, ceiling) with real randomness", () => {
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(3, { baseMs: 100 });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(400);
    }
  });
});
