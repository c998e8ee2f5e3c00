import "server-only";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { getAppSetting, setAppSetting } from "@/lib/settings/app-settings";
import { sandboxStatus } from "./status";

/** What /admin/security shows: the sandbox in use here and key sharing (the limits come from lib/billing/plans). */
export async function securityOverview(admin: Actor) {
  await assertAdmin(admin);
  return {
    status: sandboxStatus(),
    shareServerKeys: await getAppSetting("shareServerKeysWithAgents"),
  };
}

/** Whether agent CLIs get the server-wide provider keys (readable by any agent that gets one). */
export async function setServerKeysSharing(admin: Actor, share: boolean) {
  await assertAdmin(admin);
  await setAppSetting("shareServerKeysWithAgents", share);
  await recordAudit({ action: "admin.server_keys_sharing_changed", actorId: admin.id, detail: { share } });
}
