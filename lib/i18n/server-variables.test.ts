import { describe, expect, it } from "vitest";
import { areas } from "./messages";

/*
 * Server setup is for admins: a string a plain user can see never names a
 * server variable (AUTH_GOOGLE_ID, STRIPE_SECRET_KEY, PROJECT_ROOTS…). Only
 * strings shown to admins may: the admin console's areas (admin, sandbox, backups) and
 * keys ending in "Admin", which pages show to admins only.
 */

const VARIABLE = /\b(?:[A-Z][A-Z0-9]*_)+[A-Z0-9]+\b|\bSANDBOX=/g;
const forAdmins = (area: string, key: string) => area === "admin" || area === "sandbox" || area === "backups" || key.endsWith("Admin");

describe("strings plain users see", () => {
  it("name no server variables, in English or Korean; the admin-only hints do", () => {
    const named: string[] = [];
    let adminHints = 0;
    for (const [area, { en, ko }] of Object.entries(areas)) {
      for (const [key, text] of [...Object.entries(en), ...Object.entries(ko as Record<string, string>)]) {
        const found = text.match(VARIABLE);
        if (!found) continue;
        if (forAdmins(area, key)) adminHints++;
        else named.push(`${key}: ${found.join(", ")}`);
      }
    }
    expect(named).toEqual([]);
    expect(adminHints).toBeGreaterThan(0);
  });
});
