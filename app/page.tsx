import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/button";

export default async function LandingPage() {
  if (await getCurrentUser()) redirect("/dashboard");
  const t = await getT();
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
      <h1 className="text-4xl font-semibold tracking-tight">{t("app.name")}</h1>
      <p className="mt-4 text-lg text-zinc-600 dark:text-zinc-400">{t("app.tagline")}</p>
      <ul className="mt-8 space-y-2 text-zinc-700 dark:text-zinc-300">
        {["landing.feature.live", "landing.feature.board", "landing.feature.usage"].map((key) => (
          <li key={key} className="flex gap-2">
            <span aria-hidden className="text-indigo-500">→</span>
            {t(key)}
          </li>
        ))}
      </ul>
      <div className="mt-10 flex gap-3">
        <Link href="/sign-up" className={buttonClass("primary")}>
          {t("landing.getStarted")}
        </Link>
        <Link href="/sign-in" className={buttonClass("secondary")}>
          {t("landing.signIn")}
        </Link>
      </div>
    </main>
  );
}
