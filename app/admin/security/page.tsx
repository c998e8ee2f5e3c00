import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { securityOverview } from "@/lib/sandbox/admin";
import { Card, PageHeader } from "@/components/ui/card";
import { RunLimitsTable } from "@/components/billing/run-limits-table";
import { ServerKeysForm } from "./_components/keys-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("sandbox.title") };
}


/** The sandbox this server confines agents with, its version, and each per-run limit by plan. */
export default async function AdminSecurityPage() {
  const admin = await requireAdmin();
  const [t, { status, shareServerKeys }] = await Promise.all([getT(), securityOverview(admin)]);
  const state = status.mode === "off" ? "sandbox.status.off" : status.available ? "sandbox.status.confined" : "sandbox.status.unavailable";
  const facts: Array<[string, string]> = [
    [t("sandbox.status.mode"), status.mode],
    [t("sandbox.status.state"), t(state)],
    [t("sandbox.status.bwrap"), status.bwrap ? `${status.bwrap.version} (${status.bwrap.path})` : t("sandbox.status.missing")],
    [t("sandbox.status.slirp"), status.slirp4netns ? `${status.slirp4netns.version} (${status.slirp4netns.path})` : t("sandbox.status.missing")],
    [t("sandbox.status.limits"), status.cgroups ? t("sandbox.status.cgroups", { version: status.cgroups.version }) : t("sandbox.status.rlimits")],
  ];

  return (
    <>
      <PageHeader title={t("sandbox.title")} description={t("sandbox.description")} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-base font-semibold">{t("sandbox.status.title")}</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            {facts.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-medium text-zinc-600 dark:text-zinc-400">{name}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
          {status.problems.length > 0 && (
            <div role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
              <p className="font-semibold">{t("sandbox.status.problems")}</p>
              <ul className="mt-1 list-disc pl-5">
                {status.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </Card>

        <Card>
          <h2 className="mb-3 text-base font-semibold">{t("sandbox.view.title")}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {(["system", "folder", "home", "env", "network", "never"] as const).map((k) => (
              <li key={k}>{t(`sandbox.view.${k}`)}</li>
            ))}
          </ul>
        </Card>

        <section aria-labelledby="limits-heading">
          <h2 id="limits-heading" className="mb-3 text-base font-semibold">
            {t("sandbox.limits.title")}
          </h2>
          <RunLimitsTable />
        </section>

        <Card>
          <h2 className="mb-2 text-base font-semibold">{t("sandbox.keys.title")}</h2>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">{t("sandbox.keys.body")}</p>
          <ServerKeysForm shared={shareServerKeys} />
        </Card>
      </div>
    </>
  );
}
