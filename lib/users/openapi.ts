import type { ApiOperation } from "@/lib/api/operation";
import { meSettingsSchema, meSettingsUpdateSchema } from "./settings-schemas";

/** GET/PATCH /me/settings; lib/api/openapi.ts adds them to the registry. */
export const meSettingsOperations: ApiOperation[] = [
  {
    id: "getMeSettings",
    method: "get",
    path: "/me/settings",
    summary: "The caller's settings (defaults filled in)",
    tag: "account",
    auth: "user",
    response: { description: "The settings.", schema: meSettingsSchema },
  },
  {
    id: "updateMeSettings",
    method: "patch",
    path: "/me/settings",
    summary: "Change any of the caller's settings",
    description: "Any subset; `null` clears `defaultModel` or `defaultAgentId`. A `defaultAgentId` that is not one of the caller's agents is a 400. `defaultAgentId` is used by POST /runs without `agentId`; `defaultModel` by POST /agents without `model`.",
    tag: "account",
    auth: "user",
    body: meSettingsUpdateSchema,
    response: { description: "The settings after the change.", schema: meSettingsSchema },
  },
];
