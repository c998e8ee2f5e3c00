import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage() {
  const t = await getT();
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">{t("auth.signUp.title")}</h1>
      <SignUpForm />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("auth.signUp.haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          {t("auth.signIn.submit")}
        </Link>
      </p>
    </div>
  );
}
