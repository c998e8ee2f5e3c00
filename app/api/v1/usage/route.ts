import { apiRoute } from "@/lib/api/route";
import { usageCsv, usageCsvFilename } from "@/lib/usage/csv";
import { usageQuerySchema, usageResponseSchema } from "@/lib/usage/schemas";
import { usageSummary } from "@/lib/usage/usage";

/** GET /api/v1/usage?from=&to=&groupBy=day|model|project|agent|provider&format=json|csv — the caller's usage, grouped. */
export const GET = apiRoute({ query: usageQuerySchema }, async ({ user, query }) => {
  const report = usageResponseSchema.parse(await usageSummary(user.id, { from: query.from, to: query.to, groupBy: query.groupBy }));
  if (query.format === "json") return report;
  return new Response(usageCsv(report), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${usageCsvFilename(report)}"`,
      "cache-control": "private, no-store",
    },
  });
});
