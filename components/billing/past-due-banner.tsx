import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/current-user";
import { config } from "@/lib/config";
import { getT } from "@/lib/i18n/server";

/**
 * App-wide notice while Stripe reports the subscription past_due: PRO stays
 * while Stripe retries the payment, but the user must fix the payment method.
 * Renders nothing otherwise (or when billing is off).
 */
export async function PastDueBanner({ hideLink = false }: { hideLink?: boolean }) {
  const user = await getCurrentUser();
  if (!user || user.subscriptionStatus !== "past_due" || config().stripe === null) return null;
  const t = await getT();
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200"
    >
      <p>{t("billing.stripe.pastDue")}</p>
      {!hideLink && (
        <Link href="/billing" className="font-medium underline underline-offset-2 hover:no-underline">
          {t("billing.stripe.pastDueAction")}
        </Link>
      )}
    </div>
  );
}
