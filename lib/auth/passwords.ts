import "server-only";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { dictionary } from "@zxcvbn-ts/language-common";

const COST = 12;

// The common-password list published with zxcvbn-ts (ranked leaked passwords).
const commonPasswords = new Set<string>(dictionary["passwords-common"]);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** The rules every new password must meet; messages are i18n keys (see lib/i18n). */
export const newPasswordSchema = z
  .string()
  .min(8, { message: "errors.passwordTooShort" })
  .max(128, { message: "errors.passwordTooLong" })
  .refine((p) => !isCommonPassword(p), { message: "errors.passwordTooCommon" });

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// A real hash of a random value, compared against when an email is unknown so
// the response takes as long as for a known email with a wrong password.
const decoyHash = bcrypt.hashSync(crypto.randomUUID(), COST);

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? decoyHash);
  return ok && Boolean(hash);
}
