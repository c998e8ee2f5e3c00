/**
 * The Google identity a test asks the OpenID Connect stand-in for, carried in
 * a cookie on the test's own browser context (see e2e/stand-ins/google-oidc.ts).
 * Shared by the stand-in and the specs; no Playwright imports here.
 */
export const GOOGLE_IDENTITY_COOKIE = "e2e-google-identity";

export type GoogleIdentity = { sub: string; email: string; emailVerified: boolean; name: string };

export const defaultIdentity: GoogleIdentity = {
  sub: "google-default-subject",
  email: "google.default@example.com",
  emailVerified: true,
  name: "Default Google User",
};

export function encodeIdentity(identity: GoogleIdentity): string {
  return Buffer.from(JSON.stringify(identity), "utf8").toString("base64url");
}

export function decodeIdentity(value: string | undefined): GoogleIdentity | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<GoogleIdentity>;
    if (typeof parsed.sub !== "string" || typeof parsed.email !== "string") return undefined;
    return {
      sub: parsed.sub,
      email: parsed.email,
      emailVerified: parsed.emailVerified !== false,
      name: typeof parsed.name === "string" ? parsed.name : parsed.email,
    };
  } catch {
    return undefined;
  }
}
