import "server-only";
import { EXECUTORS, type Executor } from "@/lib/domain";
import { recordAudit } from "@/lib/audit/audit";
import { assertAdmin, type Actor } from "@/lib/auth/roles";
import { LocalizedError } from "@/lib/i18n/localized-error";
import { getAppSetting, setAppSetting } from "@/lib/settings/app-settings";

/** Which executors this server runs (/admin/settings). All of them until an admin says otherwise. */
export function getEnabledExecutors(): Promise<Executor[]> {
  return getAppSetting("enabledExecutors");
}

export async function setEnabledExecutors(actor: Actor, enabled: Executor[]): Promise<void> {
  await assertAdmin(actor);
  const previous = await getEnabledExecutors();
  const next = EXECUTORS.filter((e) => enabled.includes(e));
  await setAppSetting("enabledExecutors", next);
  if (previous.join() !== next.join()) await recordAudit({ action: "admin.executors_changed", actorId: actor.id, detail: { from: previous, to: next } });
}

/** A run of a turned-off executor is refused up front (403, saying so), for everyone. */
export async function assertExecutorEnabled(executor: Executor): Promise<void> {
  if (!(await getEnabledExecutors()).includes(executor)) {
    throw new LocalizedError("forbidden", { key: "admin.executors.off", vars: { executor } });
  }
}
