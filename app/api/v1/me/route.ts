import { apiRoute } from "@/lib/api/route";
import { meResponse } from "@/lib/api/schemas";
import { planUsage } from "@/lib/billing/usage";

/** GET /api/v1/me — the caller, their plan's limits and usage against them. */
export const GET = apiRoute({}, async ({ user }) => {
  const { plan, limits, usage } = await planUsage(user.id);
  // Parsed, not cast: only the documented fields leave, whatever `user` carries.
  return meResponse.parse({ ...user, plan, limits, usage });
});
