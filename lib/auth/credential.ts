import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { apiTokenStillValid } from "@/lib/tokens/tokens";
import { userForSession } from "./sessions";

/** How a request proved who it is: a browser session row, or a personal API token. */
export type Credential = { kind: "session"; sessionId: string } | { kind: "token"; tokenId: string };

/**
 * Whether the caller of a long-lived response (an SSE stream) may still read
 * as `userId`: the session row not revoked or expired, or the token not
 * revoked, and the user not disabled. A request is authenticated once at its
 * start; whatever outlives it re-checks with this every few seconds. Without
 * a credential (an in-process caller), only the user's own state is checked.
 */
export async function stillAuthorized(userId: string, credential: Credential | null): Promise<boolean> {
  if (credential?.kind === "session") return (await userForSession(credential.sessionId))?.id === userId;
  if (credential?.kind === "token") return apiTokenStillValid(credential.tokenId, userId);
  const [row] = await db().select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.disabledAt))).limit(1);
  return !!row;
}
