import { NextResponse } from "next/server";
import { type ErrorCode, ERROR_STATUS } from "@/lib/errors";

/** The API's error shape, `{ error: { code, message, fields? } }`, with the code's status. Light enough for proxy.ts. */
export function apiError(code: ErrorCode, message: string, fields?: Record<string, string>) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status: ERROR_STATUS[code] });
}
