import { errorResponseFor } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { runEventsResponse } from "@/lib/runs/sse";

// A live stream: never prerendered or cached.
export const dynamic = "force-dynamic";

/** The browser's copy of GET /api/v1/runs/:id/events, on the session cookie only (re-checked while open). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const user = await getCurrentUser();
    if (!user) throw new AppError("unauthorized", "Sign in to follow this run.");
    const { id } = await params;
    return await runEventsResponse(request, user.id, id, { credential: { kind: "session", sessionId: user.sessionId } });
  } catch (error) {
    return errorResponseFor(error);
  }
}
