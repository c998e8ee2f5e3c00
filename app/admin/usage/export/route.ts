import { z } from "zod";
import { errorResponseFor } from "@/lib/api/route";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { adminUsageByUser, adminUsageSummary, usageByUserCsv } from "@/lib/usage/admin";
import { usageCsv, usageCsvFilename } from "@/lib/usage/csv";
import { utcDay } from "@/lib/usage/range";
import { USAGE_GROUPS, usageQuerySchema, usageResponseSchema } from "@/lib/usage/schemas";

export const dynamic = "force-dynamic";

const groupBySchema = z.enum([...USAGE_GROUPS, "user"]).default("day");

/**
 * GET /admin/usage/export?from=&to=&groupBy=day|model|project|agent|provider|user —
 * every user's usage as a CSV download, for the admin console's usage page.
 * Session cookie only; anyone but an admin (signed out too) gets a 404.
 */
export async function GET(request: Request) {
  try {
    const user = await getCurrentUser();
    if (!user || user.role !== "admin") throw new AppError("not_found", "Not found.");
    const params = new URL(request.url).searchParams;
    const groupBy = groupBySchema.safeParse(params.get("groupBy") ?? undefined);
    const range = usageQuerySchema.safeParse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
    if (!groupBy.success || !range.success) throw new AppError("validation", "Use from/to dates (2026-11-01) and groupBy=day|model|project|agent|provider|user.");
    const { from, to } = range.data;

    let body: string;
    let filename: string;
    if (groupBy.data === "user") {
      const report = await adminUsageByUser(user, { from, to });
      body = usageByUserCsv(report.data);
      // Named like usageCsvFilename's: both dates included.
      filename = `usage-by-user-${utcDay(report.from)}-to-${utcDay(new Date(new Date(report.to).getTime() - 1))}.csv`;
    } else {
      const report = usageResponseSchema.parse(await adminUsageSummary(user, { from, to, groupBy: groupBy.data }));
      body = usageCsv(report);
      filename = usageCsvFilename(report);
    }
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="all-users-${filename}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponseFor(error);
  }
}
