import { describe, expect, it } from "vitest";
import { areas, messages } from "./messages";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("English and Korean strings", () => {
  for (const [name, area] of Object.entries(areas)) {
    it(`${name}: every key exists in both languages with the same placeholders`, () => {
      expect(Object.keys(area.ko).sort()).toEqual(Object.keys(area.en).sort());
      for (const [key, en] of Object.entries(area.en)) {
        expect(placeholders((area.ko as Record<string, string>)[key]!), key).toEqual(placeholders(en));
        expect(en.trim(), key).not.toBe("");
      }
    });
  }

  it("no two areas define the same key", () => {
    const total = Object.values(areas).reduce((n, a) => n + Object.keys(a.en).length, 0);
    expect(Object.keys(messages.en)).toHaveLength(total);
  });
});
