import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, newPasswordSchema, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("refuses passwords that are too short, too long or too common", () => {
    expect(newPasswordSchema.safeParse("short").success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(isCommonPassword("Password1")).toBe(true);
    expect(newPasswordSchema.safeParse("password1").success).toBe(false);
    expect(newPasswordSchema.safeParse("violet-canyon-42-tram").success).toBe(true);
  });

  it("hashes with bcrypt cost 12 and verifies only the right password", async () => {
    const hash = await hashPassword("violet-canyon-42-tram");
    expect(hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("violet-canyon-42-tram", hash)).toBe(true);
    expect(await verifyPassword("violet-canyon-42-trap", hash)).toBe(false);
    expect(await verifyPassword("anything", null)).toBe(false);
  });
});
