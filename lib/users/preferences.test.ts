import { describe, expect, it } from "vitest";
import { getSavedPreferences, getUserSetting, savePreferences, setUserSetting } from "./preferences";
import { testUser } from "@/tests/factories";

const newUser = (email: string) => testUser({ email });

describe("user preferences", () => {
  it("reads null for a setting that was never saved, then the saved value", async () => {
    const user = await newUser("pref-a@example.com");
    expect(await getUserSetting(user.id, "theme")).toBeNull();
    await setUserSetting(user.id, "theme", "dark");
    expect(await getUserSetting(user.id, "theme")).toBe("dark");
    await setUserSetting(user.id, "theme", "light");
    expect(await getUserSetting(user.id, "theme")).toBe("light");
  });

  it("keeps each user's settings to that user", async () => {
    const alice = await newUser("pref-alice@example.com");
    const bob = await newUser("pref-bob@example.com");
    await setUserSetting(alice.id, "locale", "ko");
    expect(await getUserSetting(alice.id, "locale")).toBe("ko");
    expect(await getUserSetting(bob.id, "locale")).toBeNull();
    await setUserSetting(bob.id, "locale", "en");
    expect(await getUserSetting(alice.id, "locale")).toBe("ko");
  });

  it("saves theme and language together and reads them back", async () => {
    const user = await newUser("pref-both@example.com");
    expect(await getSavedPreferences(user.id)).toEqual({});
    await savePreferences(user.id, { theme: "dark", locale: "ko" });
    expect(await getSavedPreferences(user.id)).toEqual({ theme: "dark", locale: "ko" });
    await savePreferences(user.id, { theme: "system", locale: "en" });
    expect(await getUserSetting(user.id, "theme")).toBe("system");
    expect(await getUserSetting(user.id, "locale")).toBe("en");
  });

  it("refuses an unknown theme or language and writes nothing", async () => {
    const user = await newUser("pref-bad@example.com");
    await expect(savePreferences(user.id, { theme: "neon", locale: "en" })).rejects.toMatchObject({
      code: "validation",
      fieldTexts: { theme: { key: "settings.preferences.invalidTheme" } },
    });
    await expect(savePreferences(user.id, { theme: "dark", locale: "fr" })).rejects.toMatchObject({
      code: "validation",
      fieldTexts: { locale: { key: "settings.preferences.invalidLocale" } },
    });
    expect(await getSavedPreferences(user.id)).toEqual({});
  });

  it("ignores a stored value that is no longer valid", async () => {
    const user = await newUser("pref-stale@example.com");
    await setUserSetting(user.id, "theme", "sepia");
    await setUserSetting(user.id, "locale", "ko");
    expect(await getSavedPreferences(user.id)).toEqual({ locale: "ko" });
  });
});
