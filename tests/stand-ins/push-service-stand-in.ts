import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A push service on loopback for tests, speaking the Web Push protocol as
 * browsers' push services do: a message is a POST to the subscription's
 * endpoint (RFC 8030) with a `TTL`, a body encrypted with `Content-Encoding:
 * aes128gcm` (RFC 8188/8291), and `Authorization: vapid t=<JWT>, k=<key>`
 * (RFC 8292) whose ES256 signature, audience and expiry it verifies. It
 * answers 201 and keeps what it took; endpoints marked gone answer 410.
 * It never decrypts: only the browser holds the key, see `decryptPush`.
 */
export type ReceivedPush = { name: string; headers: http.IncomingHttpHeaders; body: Buffer; vapidPublicKey: string; claims: { aud: string; exp: number; sub: string } };

export async function startPushServiceStandIn() {
  const received: ReceivedPush[] = [];
  const refused: Array<{ name: string; status: number; reason: string }> = [];
  const gone = new Set<string>();
  let origin = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const name = /^\/push\/([\w-]+)$/.exec(req.url ?? "")?.[1];
      const refuse = (status: number, reason: string) => {
        refused.push({ name: name ?? "?", status, reason });
        res.writeHead(status, { "content-type": "text/plain" }).end(reason);
      };
      if (req.method !== "POST" || !name) return refuse(404, "no such endpoint");
      if (gone.has(name)) return refuse(410, "subscription expired");
      if (!/^\d+$/.test(String(req.headers.ttl ?? ""))) return refuse(400, "TTL header missing");
      if (req.headers["content-encoding"] !== "aes128gcm") return refuse(415, `content-encoding ${req.headers["content-encoding"]} is not aes128gcm`);
      const vapid = verifyVapid(req.headers.authorization, origin);
      if ("error" in vapid) return refuse(401, vapid.error);
      received.push({ name, headers: req.headers, body: Buffer.concat(chunks), vapidPublicKey: vapid.key, claims: vapid.claims });
      res.writeHead(201, { location: `${origin}/message/${received.length}` }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    endpoint: (name: string) => `${origin}/push/${name}`,
    received,
    refused,
    markGone: (name: string) => gone.add(name),
    /** Waits until `count` messages arrived for `name` (or any endpoint), up to `ms`. */
    async waitFor(name: string | null, count = 1, ms = 10_000): Promise<ReceivedPush[]> {
      const deadline = Date.now() + ms;
      for (;;) {
        const mine = received.filter((m) => name === null || m.name === name);
        if (mine.length >= count) return mine;
        if (Date.now() > deadline) throw new Error(`push stand-in: ${mine.length} of ${count} messages for ${name}; refused ${JSON.stringify(refused)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Checks `vapid t=<JWT>, k=<public key>` as a push service does (RFC 8292 §2–3). */
function verifyVapid(header: string | undefined, audience: string): { key: string; claims: ReceivedPush["claims"] } | { error: string } {
  const params = Object.fromEntries(
    [...(/^vapid\s+(.*)$/i.exec(header ?? "")?.[1] ?? "").matchAll(/([tk])=([^,\s]+)/g)].map((m) => [m[1], m[2]]),
  ) as { t?: string; k?: string };
  if (!params.t || !params.k) return { error: "Authorization is not 'vapid t=…, k=…'" };
  const [head, body, signature] = params.t.split(".");
  if (!head || !body || !signature) return { error: "t is not a JWT" };
  const jwtHeader = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string };
  if (jwtHeader.alg !== "ES256") return { error: `JWT alg ${jwtHeader.alg} is not ES256` };
  const point = Buffer.from(params.k, "base64url");
  if (point.length !== 65 || point[0] !== 4) return { error: "k is not an uncompressed P-256 point" };
  const key = crypto.createPublicKey({ key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") }, format: "jwk" });
  const valid = crypto.verify("sha256", Buffer.from(`${head}.${body}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!valid) return { error: "the JWT's signature does not match k" };
  const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as ReceivedPush["claims"];
  if (claims.aud !== audience) return { error: `aud ${claims.aud} is not ${audience}` };
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 60 * 60 + 60)) return { error: "exp is not within the next 24 hours" };
  if (!/^(mailto:|https:)/.test(claims.sub ?? "")) return { error: "sub is not a mailto: or https: contact" };
  return { key: params.k, claims };
}

/** A browser's side of a subscription: a P-256 key pair and a 16-byte auth secret, as PushManager makes them. */
export function newBrowserKeys() {
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { ecdh, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } };
}

/**
 * Decrypts a Web Push message as the browser does (RFC 8291 over RFC 8188's
 * aes128gcm), written here from the RFCs and independent of `web-push`.
 */
export function decryptPush(body: Buffer, browser: ReturnType<typeof newBrowserKeys>): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublicKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error("more than one record: not what a push message is");
  const sharedSecret = browser.ecdh.computeSecret(serverPublicKey);
  const authSecret = Buffer.from(browser.keys.auth, "base64url");
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), serverPublicKey]);
  const ikm = Buffer.from(crypto.hkdfSync("sha256", sharedSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(crypto.hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}
