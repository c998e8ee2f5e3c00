import crypto from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { GOOGLE_ISSUER } from "./env";
import { encodeIdentity, GOOGLE_IDENTITY_COOKIE, type GoogleIdentity } from "./google-identity";

/** A fresh Google account (as the stand-in will present it) for one test. */
export function newGoogleIdentity(overrides: Partial<GoogleIdentity> = {}): GoogleIdentity {
  const id = crypto.randomBytes(6).toString("hex");
  return { sub: `google-${id}`, email: `g.${id}@example.com`, emailVerified: true, name: `Grace ${id.slice(0, 4)}`, ...overrides };
}

/** The next "Continue with Google" in this browser context signs in as `identity`. */
export async function chooseGoogleAccount(context: BrowserContext, identity: GoogleIdentity) {
  await context.addCookies([{ name: GOOGLE_IDENTITY_COOKIE, value: encodeIdentity(identity), url: GOOGLE_ISSUER }]);
}
