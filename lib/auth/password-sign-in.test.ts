import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/users/users";
import { hashPassword } from "./passwords";
import { authenticateWithPassword, SignInRefused } from "./password-sign-in";
import { MAX_FAILURES } from "./rate-limit";

const PASSWORD = "violet-canyon-42-tram";
const ids: Record<string, string> = {};

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  for (const name of ["alice", "bob", "carol", "dave"]) {
    ids[name] = (await createUser({ email: `${name}@example.com`, name, passwordHash }))!.id;
  }
});

/** What the sign-in form would be told: the user id, or the refusal's code. */
async function attempt(email: string, password: string, ip: string): Promise<string> {
  try {
    return await authenticateWithPassword({ email, password }, ip);
  } catch (error) {
    if (error instanceof SignInRefused) return error.code;
    throw error;
  }
}

describe("the brute-force guard", () => {
  it("after 10 wrong passwords for one account, another account's right password from the same address still signs in", async () => {
    const shared = "198.51.100.10";
    for (let i = 0; i < MAX_FAILURES; i++) expect(await attempt("alice@example.com", `guess-${i}`, shared)).toBe("invalid");

    // Alice is locked, even with her right password, from anywhere.
    expect(await attempt("alice@example.com", PASSWORD, shared)).toMatch(/^too_many:1[45]$/);
    expect(await attempt("alice@example.com", PASSWORD, "198.51.100.99")).toMatch(/^too_many:/);
    // Bob, behind the same address, is not.
    expect(await attempt("bob@example.com", PASSWORD, shared)).toBe(ids.bob);
  });

  it("throttles wrong guesses from an address that failed 10 times, whichever accounts they aim at", async () => {
    const attacker = "198.51.100.20";
    for (let i = 0; i < MAX_FAILURES; i++) expect(await attempt(`nobody${i}@example.com`, "guess", attacker)).toBe("invalid");

    expect(await attempt("carol@example.com", "guess", attacker)).toMatch(/^too_many:/);
    expect(await attempt("nobody-else@example.com", "guess", attacker)).toMatch(/^too_many:/);
    // Another address is not throttled, and the right password still works from the throttled one.
    expect(await attempt("carol@example.com", "guess", "198.51.100.21")).toBe("invalid");
    expect(await attempt("carol@example.com", PASSWORD, attacker)).toBe(ids.carol);
  });

  it("counts throttled guesses against their account, so spraying from one address still locks each account at 10", async () => {
    const attacker = "198.51.100.30";
    for (let i = 0; i < MAX_FAILURES; i++) await attempt("dave@example.com", `guess-${i}`, attacker);
    expect(await attempt("dave@example.com", PASSWORD, "198.51.100.31")).toMatch(/^too_many:/);
  });
});
