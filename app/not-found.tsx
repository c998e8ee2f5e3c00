import Link from "next/link";
import { getT } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getT();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-3 px-6 text-center">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="text-zinc-500 dark:text-zinc-400">{t("notFound.body")}</p>
      <Link href="/dashboard" className="text-indigo-600 hover:underline dark:text-indigo-400">
        {t("notFound.home")}
      </Link>
    </main>
  );
}
