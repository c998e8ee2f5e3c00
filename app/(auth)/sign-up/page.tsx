import type { Metadata } from "next";
import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { effectiveSignUpPolicy } from "@/lib/sign-ups/policy";
import { SignUpForm } from "./_components/sign-up-form";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, policy, params] = await Promise.all([getT(), effectiveSignUpPolicy(), searchParams]);
  const invite = typeof params.invite === "string" ? params.invite.slice(0, 200) : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">{t("auth.signUp.title")}</h1>
      {policy === "closed" ? (
        <p role="status" className="rounded-md bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-900">
          {t("signUps.closedNotice")}
        </p>
      ) : (
        <>
          {policy === "invite" && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("signUps.inviteNotice")}</p>}
          <SignUpForm needsInvite={policy === "invite"} invite={invite} />
        </>
      )}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("auth.signUp.haveAccount")}{" "}
        <Link href="/sign-in" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          {t("auth.signIn.submit")}
        </Link>
      </p>
    </div>
  );
}
