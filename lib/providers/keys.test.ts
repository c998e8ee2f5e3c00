import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { providerKeys } from "@/db/schema";
import { type Provider } from "@/lib/domain";
import { decryptSecret } from "@/lib/crypto/secrets";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { createUser } from "@/lib/users/users";
import { listProviderSettings, providerCredentials, removeProviderSettings, saveProviderSettings } from "./keys";

const KEY = "sk-test-0123456789abcdWXYZ";

let alice: string;
let bob: string;

beforeAll(async () => {
  alice = (await createUser({ email: "alice@example.com", name: "Alice" }))!.id;
  bob = (await createUser({ email: "bob@example.com", name: "Bob" }))!.id;
});

async function storedRow(userId: string, provider: Provider) {
  const [row] = await db()
    .select()
    .from(providerKeys)
    .where(and(eq(providerKeys.userId, userId), eq(providerKeys.provider, provider)));
  return row;
}

async function refusal(promise: Promise<unknown>): Promise<LocalizedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocalizedError);
  return error as LocalizedError;
}

describe("provider settings", () => {
  it("lists both providers, empty, before anything is saved", async () => {
    expect(await listProviderSettings(alice)).toEqual([
      { provider: "openai", baseUrl: null, hasKey: false, keyHint: null, keyUnreadable: false, updatedAt: null },
      { provider: "anthropic", baseUrl: null, hasKey: false, keyHint: null, keyUnreadable: false, updatedAt: null },
    ]);
  });

  it("saves a key encrypted and lists only that one is saved and its last four characters", async () => {
    const saved = await saveProviderSettings(alice, "openai", { baseUrl: "  http://localhost:11434/v1//  ", apiKey: `  ${KEY}\n` });
    expect(saved).toMatchObject({ provider: "openai", baseUrl: "http://localhost:11434/v1", hasKey: true, keyHint: "…WXYZ" });

    const row = (await storedRow(alice, "openai"))!;
    expect(row.encryptedKey).toBeTruthy();
    expect(row.encryptedKey).not.toContain(KEY);
    expect(decryptSecret(row.encryptedKey!)).toBe(KEY);

    const list = await listProviderSettings(alice);
    const openai = list.find((s) => s.provider === "openai")!;
    expect(openai).toMatchObject({ baseUrl: "http://localhost:11434/v1", hasKey: true, keyHint: "…WXYZ", keyUnreadable: false });
    expect(openai.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(list.find((s) => s.provider === "anthropic")).toMatchObject({ hasKey: false, baseUrl: null });

    const json = JSON.stringify([list, saved]);
    expect(json).not.toContain(KEY);
    expect(json).not.toContain(row.encryptedKey!);
    expect(json).not.toContain("encryptedKey");
  });

  it("is read back by runs the way lib/runs/execute.ts reads it", async () => {
    expect(await providerCredentials(alice, "openai")).toEqual({ apiKey: KEY, baseUrl: "http://localhost:11434/v1" });
    expect(await providerCredentials(alice, "anthropic")).toEqual({});

    // A keyless local server: a base URL and no key.
    await saveProviderSettings(alice, "anthropic", { baseUrl: "https://proxy.example.com/", apiKey: "" });
    expect(await providerCredentials(alice, "anthropic")).toEqual({ apiKey: undefined, baseUrl: "https://proxy.example.com" });
    // A key and no base URL: the server's base URL with the user's key.
    await saveProviderSettings(alice, "anthropic", { baseUrl: null, apiKey: "sk-ant-test-1234567890" });
    expect(await providerCredentials(alice, "anthropic")).toEqual({ apiKey: "sk-ant-test-1234567890", baseUrl: undefined });
  });

  it("keeps the stored key when the field is left empty with keepKey, and replaces or clears it otherwise", async () => {
    const before = (await storedRow(alice, "openai"))!;
    await saveProviderSettings(alice, "openai", { baseUrl: "http://127.0.0.1:8000/v1", apiKey: "", keepKey: true });
    const kept = (await storedRow(alice, "openai"))!;
    expect(kept.encryptedKey).toBe(before.encryptedKey);
    expect(kept.baseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(await providerCredentials(alice, "openai")).toEqual({ apiKey: KEY, baseUrl: "http://127.0.0.1:8000/v1" });

    // baseUrl left out: unchanged; a new key replaces the old one even with keepKey.
    const replaced = await saveProviderSettings(alice, "openai", { apiKey: "sk-new-key-abcdefgh9876", keepKey: true });
    expect(replaced).toMatchObject({ baseUrl: "http://127.0.0.1:8000/v1", hasKey: true, keyHint: "…9876" });
    expect((await providerCredentials(alice, "openai")).apiKey).toBe("sk-new-key-abcdefgh9876");

    // Without keepKey an empty field clears the key; the base URL stays.
    const cleared = await saveProviderSettings(alice, "openai", { baseUrl: "http://127.0.0.1:8000/v1", apiKey: "" });
    expect(cleared).toMatchObject({ baseUrl: "http://127.0.0.1:8000/v1", hasKey: false, keyHint: null });
    expect((await storedRow(alice, "openai"))!.encryptedKey).toBeNull();

    // keepKey with nothing stored saves no key.
    await saveProviderSettings(alice, "openai", { apiKey: null, keepKey: true });
    expect((await storedRow(alice, "openai"))!.encryptedKey).toBeNull();
  });

  it("drops settings left with neither a base URL nor a key", async () => {
    await saveProviderSettings(alice, "openai", { baseUrl: "", apiKey: "" });
    expect(await storedRow(alice, "openai")).toBeUndefined();
    expect((await listProviderSettings(alice))[0]).toMatchObject({ provider: "openai", hasKey: false, baseUrl: null, updatedAt: null });
  });

  it("gives no hint for a short key, so four characters do not give most of it away", async () => {
    const saved = await saveProviderSettings(alice, "openai", { apiKey: "abc12345" });
    expect(saved).toMatchObject({ hasKey: true, keyHint: null });
    expect(JSON.stringify(saved)).not.toContain("2345");
  });

  it("says a key can no longer be read instead of failing the page", async () => {
    await db()
      .update(providerKeys)
      .set({ encryptedKey: "v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA:AAAA" })
      .where(and(eq(providerKeys.userId, alice), eq(providerKeys.provider, "openai")));
    expect((await listProviderSettings(alice))[0]).toMatchObject({ hasKey: true, keyHint: null, keyUnreadable: true });
    // Entering the key again fixes it.
    expect(await saveProviderSettings(alice, "openai", { apiKey: KEY })).toMatchObject({ keyHint: "…WXYZ", keyUnreadable: false });
  });

  it("shows another user nothing and lets them change nothing of someone else's", async () => {
    expect(await listProviderSettings(bob)).toEqual([
      { provider: "openai", baseUrl: null, hasKey: false, keyHint: null, keyUnreadable: false, updatedAt: null },
      { provider: "anthropic", baseUrl: null, hasKey: false, keyHint: null, keyUnreadable: false, updatedAt: null },
    ]);
    expect(await removeProviderSettings(bob, "openai")).toBe(false);
    await saveProviderSettings(bob, "openai", { baseUrl: "http://localhost:1234/v1", apiKey: "" });
    expect(await providerCredentials(alice, "openai")).toEqual({ apiKey: KEY, baseUrl: undefined });
    expect(await providerCredentials(bob, "openai")).toEqual({ apiKey: undefined, baseUrl: "http://localhost:1234/v1" });
  });

  it("removes one provider's settings", async () => {
    expect(await removeProviderSettings(alice, "openai")).toBe(true);
    expect(await storedRow(alice, "openai")).toBeUndefined();
    expect(await providerCredentials(alice, "openai")).toEqual({});
    expect(await removeProviderSettings(alice, "openai")).toBe(false);
    // The other provider and the other user are untouched.
    expect((await providerCredentials(alice, "anthropic")).apiKey).toBe("sk-ant-test-1234567890");
    expect((await providerCredentials(bob, "openai")).baseUrl).toBe("http://localhost:1234/v1");
  });

  it("refuses a base URL that is not an http(s) address, with a clear message on the field", async () => {
    for (const bad of ["localhost:11434/v1", "ftp://example.com", "not a url", "javascript:alert(1)", "file:///etc/passwd"]) {
      const error = await refusal(saveProviderSettings(alice, "openai", { baseUrl: bad }));
      expect(error.code).toBe("validation");
      expect(error.message).toBe("Enter a full address starting with http:// or https://, e.g. http://localhost:11434/v1.");
      expect(error.fields).toEqual({ baseUrl: error.message });
    }
    expect((await refusal(saveProviderSettings(alice, "openai", { baseUrl: "https://user:sk-secret@example.com/v1" }))).fields).toEqual({
      baseUrl: "Leave the key out of the address: put it in the API key field.",
    });
    expect((await refusal(saveProviderSettings(alice, "openai", { baseUrl: "https://example.com/v1?key=1" }))).message).toBe(
      "A base URL has no ? or # part.",
    );
    expect((await refusal(saveProviderSettings(alice, "openai", { baseUrl: `https://example.com/${"a".repeat(500)}` }))).message).toBe(
      "Use at most 500 characters.",
    );
    // Nothing was written by the refused saves.
    expect(await storedRow(alice, "openai")).toBeUndefined();
  });

  it("refuses an over-long key or one with spaces inside", async () => {
    expect((await refusal(saveProviderSettings(alice, "openai", { apiKey: "x".repeat(501) }))).fields).toEqual({
      apiKey: "Use at most 500 characters.",
    });
    expect((await refusal(saveProviderSettings(alice, "openai", { apiKey: "sk-abc def-1234567890" }))).fields).toEqual({
      apiKey: "Paste the key as given: it has no spaces, line breaks or accented characters.",
    });
    // 500 characters is fine.
    expect(await saveProviderSettings(alice, "openai", { apiKey: "k".repeat(500) })).toMatchObject({ hasKey: true, keyHint: "…kkkk" });
  });
});
