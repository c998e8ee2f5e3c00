import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { INSTALL_HINT } from "@/lib/sandbox/status";
import { sandboxWarning } from "@/lib/sandbox/policy";

/**
 * Shown to admins on every page while agents are not confined: SANDBOX=off,
 * or a server that cannot run the sandbox (agents refused for everyone else).
 */
export async function SandboxBanner() {
  const warning = sandboxWarning();
  if (!warning) return null;
  const t = await getT();
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center justify-between gap-3 border-b border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-200"
    >
      <p>{warning === "off" ? t("sandbox.banner.off") : t("sandbox.banner.unavailable", { hint: `${INSTALL_HINT[0]!.toUpperCase()}${INSTALL_HINT.slice(1)}.` })}</p>
      <Link href="/admin/security" className="font-medium underline underline-offset-2 hover:no-underline">
        {t("sandbox.banner.details")}
      </Link>
    </div>
  );
}
