import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const t = await getT();
  const steps = [
    { href: "/projects", text: t("dashboard.step.project") },
    { href: "/agents", text: t("dashboard.step.agent") },
    { href: "/runs", text: t("dashboard.step.run") },
  ];
  return (
    <>
      <PageHeader title={t("dashboard.title")} description={t("dashboard.welcome", { name: user.name || user.email })} />
      <Card>
        <h2 className="text-base font-semibold">{t("dashboard.gettingStarted")}</h2>
        <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t("dashboard.intro")}</p>
        <ol className="mt-4 list-decimal space-y-2 pl-5 text-sm">
          {steps.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="text-indigo-600 hover:underline dark:text-indigo-400">
                {s.text}
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
