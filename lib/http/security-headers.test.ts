import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { contentSecurityPolicy, isHttps, securityHeaders } from "./security-headers";

const withProxyTrust = (on: boolean) => {
  if (on) process.env.TRUST_PROXY = "1";
  else delete process.env.TRUST_PROXY;
  resetConfigForTests();
};

afterEach(() => withProxyTrust(false));

const https = (headers: Record<string, string> = {}) => isHttps(new Headers(headers));

describe("HSTS only when the browser really came over https", () => {
  it("trusts X-Forwarded-Proto only with TRUST_PROXY=1", () => {
    expect(https({ "x-forwarded-proto": "https" })).toBe(false);
    withProxyTrust(true);
    expect(https({ "x-forwarded-proto": "https" })).toBe(true);
    expect(https({ "x-forwarded-proto": "https, http" })).toBe(true);
    expect(https({ "x-forwarded-proto": "http" })).toBe(false);
    expect(https()).toBe(false);
  });

  it("sends Strict-Transport-Security and upgrades insecure requests only over https", () => {
    const overHttp = securityHeaders(contentSecurityPolicy("n0nce", { https: false, dev: false }), false);
    expect(overHttp).not.toHaveProperty("Strict-Transport-Security");
    expect(overHttp["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    const overHttps = securityHeaders(contentSecurityPolicy("n0nce", { https: true, dev: false }), true);
    expect(overHttps["Strict-Transport-Security"]).toMatch(/^max-age=\d{8,}/);
    expect(overHttps["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
});
