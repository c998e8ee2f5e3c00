/**
 * A real OpenID Connect provider on loopback that plays Google for the
 * end-to-end tests (run with `npx tsx e2e/stand-ins/google-oidc.ts`).
 *
 * It serves discovery, JWKS (an RS256 key generated at start), authorize
 * (which redirects straight back with a code: nobody types a password here),
 * token (PKCE, nonce and an id_token whose `iss` is exactly the issuer URL)
 * and userinfo, through oauth2-mock-server.
 *
 * Which Google account signs in: the browser that visits /authorize sends the
 * cookie named GOOGLE_IDENTITY_COOKIE (e2e/support/google.ts sets it on the
 * test's own browser context), so parallel tests never race for "the next"
 * identity. Without the cookie a fixed default identity signs in.
 */
import http from "node:http";
import { OAuth2Issuer, OAuth2Service, type MutableRedirectUri, type MutableResponse, type MutableToken } from "oauth2-mock-server";
import { decodeIdentity, defaultIdentity, GOOGLE_IDENTITY_COOKIE, type GoogleIdentity } from "../support/google-identity";

const port = Number(process.env.GOOGLE_STAND_IN_PORT ?? 9393);
// Same spelling as AUTH_GOOGLE_ISSUER: no trailing slash.
const issuerUrl = `http://localhost:${port}`;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function claims(identity: GoogleIdentity) {
  return { sub: identity.sub, email: identity.email, email_verified: identity.emailVerified, name: identity.name };
}

async function main() {
  const issuer = new OAuth2Issuer();
  issuer.url = issuerUrl;
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer);

  // authorization code -> the identity chosen by the browser that asked for it
  const byCode = new Map<string, GoogleIdentity>();
  // access token subject -> identity, for userinfo
  const bySub = new Map<string, GoogleIdentity>();

  service.on("beforeAuthorizeRedirect", (redirect: MutableRedirectUri, req: http.IncomingMessage) => {
    const code = redirect.url.searchParams.get("code");
    if (!code) return;
    const identity = decodeIdentity(cookieValue(req.headers.cookie, GOOGLE_IDENTITY_COOKIE)) ?? defaultIdentity;
    byCode.set(code, identity);
  });

  service.on("beforeTokenSigning", (token: MutableToken, req: http.IncomingMessage & { body?: { code?: string } }) => {
    const code = req.body?.code;
    const identity = (code && byCode.get(code)) || defaultIdentity;
    Object.assign(token.payload, claims(identity));
    bySub.set(identity.sub, identity);
  });

  service.on("beforeUserinfo", (response: MutableResponse, req: http.IncomingMessage) => {
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, "") ?? "";
    let sub: string | undefined;
    try {
      sub = JSON.parse(Buffer.from(bearer.split(".")[1] ?? "", "base64url").toString("utf8")).sub;
    } catch {
      sub = undefined;
    }
    response.body = claims((sub && bySub.get(sub)) || defaultIdentity);
  });

  const listen = (host: string) =>
    new Promise<http.Server>((resolve, reject) => {
      const server = http.createServer(service.requestHandler);
      server.once("error", reject);
      server.listen(port, host, () => resolve(server));
    });

  // "localhost" may resolve to either loopback address; answer on both when the machine has IPv6.
  const servers = [await listen("127.0.0.1")];
  try {
    servers.push(await listen("::1"));
  } catch {
    // no IPv6 loopback here: 127.0.0.1 is enough
  }
  console.log(`Google OpenID Connect stand-in: ${issuerUrl}`);

  const stop = () => {
    for (const server of servers) server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
