import { z } from "zod";

/**
 * An id in a request (path, body, query, form). Ids are UUIDv7, but any short
 * text is accepted here and is simply not found: the one id rule everywhere.
 */
export const idSchema = z.string().trim().min(1).max(64);

/** Field name -> first message, the shape forms and the API both show. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Every field of a submitted value (form data, JSON body, query) whose text
 * holds a NUL character, as field errors, or null when there is none. One
 * rule for every text field, checked where input enters (apiRoute,
 * validatedAction) rather than in each schema: a NUL is never meant in a
 * name or a prompt, and parts of the stack (C strings in SQLite functions,
 * terminals, agent CLIs' argv) cut text off at the first one.
 */
export function nulByteFields(value: unknown, path: string[] = []): Record<string, string> | null {
  if (typeof value === "string") return value.includes("\0") ? { [path.length ? path.join(".") : "_"]: "errors.nulByte" } : null;
  if (value === null || typeof value !== "object") return null;
  const found: Record<string, string> = {};
  for (const [key, child] of Object.entries(value)) Object.assign(found, nulByteFields(child, [...path, key]));
  return Object.keys(found).length ? found : null;
}
