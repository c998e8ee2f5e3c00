import type { Metadata } from "next";
import Link from "next/link";
import { config } from "@/lib/config";
import { getT } from "@/lib/i18n/server";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { SignInForm } from "./_components/sign-in-form";
import { GoogleButton } from "./_components/google-button";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends OAuth failures here as ?error=<type>; our own checks add their codes.
const OAUTH_ERRORS: Record<string, string> = {
  unverified_email: "auth.error.unverified_email",
  disabled: "auth.error.disabled",
  sign_ups_closed: "signUps.error.googleClosed",
  invite_required: "signUps.error.googleInvite",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const t = await getT();
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const oauthError = params.error ? t(OAUTH_ERRORS[params.error] ?? "auth.error.oauth") : undefined;
  // A sign-up whose account was made but whose automatic sign-in was refused lands here.
  const notice = params.notice === "account_created" ? t("signUps.accountCreated") : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-lg font-semibold">{t("auth.signIn.title")}</h1>
      {oauthError && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
          {oauthError}
        </p>
      )}
      {notice && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
          {notice}
        </p>
      )}
      <SignInForm callbackUrl={callbackUrl} />
      <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden>
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        {t("auth.or")}
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </div>
      {/* Off: no button and no word about it; the setup (AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET) is in README for admins. */}
      {config().google && <GoogleButton callbackUrl={callbackUrl} label={t("auth.google")} />}
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {t("auth.signIn.noAccount")}{" "}
        <Link href="/sign-up" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          {t("auth.signIn.createOne")}
        </Link>
      </p>
    </div>
  );
}
