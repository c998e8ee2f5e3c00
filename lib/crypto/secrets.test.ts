import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secrets";

const KEY = "sk-ant-api03-very-secret-value-0123456789";

describe("encrypted secrets", () => {
  it("round-trips, with a fresh IV every time, and the stored text does not contain the key", () => {
    const a = encryptSecret(KEY);
    const b = encryptSecret(KEY);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(decryptSecret(a)).toBe(KEY);
    expect(decryptSecret(b)).toBe(KEY);
    for (const stored of [a, b]) {
      expect(stored).not.toContain(KEY);
      expect(stored).not.toContain("very-secret");
      expect(Buffer.from(stored.split(":")[3]!, "base64url").toString("utf8")).not.toContain("secret");
    }
    expect(decryptSecret(encryptSecret(""))).toBe("");
    expect(decryptSecret(encryptSecret("한국어 ✓"))).toBe("한국어 ✓");
  });

  it("refuses a stored value that was tampered with", () => {
    const stored = encryptSecret(KEY);
    const [v, iv, tag, data] = stored.split(":") as [string, string, string, string];
    const flip = (s: string) => {
      const bytes = Buffer.from(s, "base64url");
      bytes[0]! ^= 1;
      return bytes.toString("base64url");
    };
    for (const bad of [
      [v, iv, tag, flip(data)].join(":"),
      [v, iv, flip(tag), data].join(":"),
      [v, flip(iv), tag, data].join(":"),
      ["v2", iv, tag, data].join(":"),
      "not a secret",
      `${stored}:extra`,
    ]) {
      expect(() => decryptSecret(bad)).toThrow(/Stored secret/);
    }
  });
});
