import "server-only";
import crypto from "node:crypto";
import { authSecret } from "@/lib/config";

/**
 * Secrets a user saves (provider API keys) are kept encrypted at rest:
 * AES-256-GCM with a key derived from AUTH_SECRET by HKDF-SHA256, a fresh
 * random 12-byte IV per value, stored as
 *
 *   v1:<iv>:<tag>:<ciphertext>        (each part base64url)
 *
 * The version prefix is bound into the ciphertext as associated data, so a
 * later scheme can be told apart and the prefix cannot be swapped. GCM's tag
 * makes any change to the stored text fail to decrypt rather than yield
 * garbage. Changing AUTH_SECRET makes stored secrets unreadable: users then
 * enter their keys again.
 */

const VERSION = "v1";
const HKDF_SALT = "switchboard";
const HKDF_INFO = "switchboard/secrets/v1";

let derived: { from: string; key: Buffer } | undefined;

function key(): Buffer {
  const secret = authSecret();
  if (derived?.from !== secret) {
    derived = { from: secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, HKDF_SALT, HKDF_INFO, 32)) };
  }
  return derived.key;
}

export function encryptSecret(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(":");
}

/** The plain text back; throws a clear error when the value was altered or AUTH_SECRET changed. */
export function decryptSecret(stored: string): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new Error("Stored secret is not in a format this version can read");
  }
  const [, ivText, tagText, dataText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new Error("Stored secret is damaged");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(), iv);
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Stored secret could not be decrypted: it was altered, or AUTH_SECRET changed since it was saved");
  }
}
