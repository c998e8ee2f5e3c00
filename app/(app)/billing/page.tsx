import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { hasStripeCustomer } from "@/lib/billing/checkout";
import { config } from "@/lib/config";
import { getPreferences, getT } from "@/lib/i18n/server";
import { RunLimitsTable } from "@/components/billing/run-limits-table";
import { PlanLimitsTable } from "@/components/billing/plan-limits-table";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { FormMessage } from "@/components/ui/field";
import { ManageBillingButton, UpgradeButton } from "./_components/stripe-buttons";
import { PlanMeters } from "@/components/billing/plan-meters";
import { planUsage } from "@/lib/billing/usage";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("billing.title") };
}

/** Statuses under which Stripe still grants PRO (past_due while it retries the payment). */
const PRO_STATUSES = new Set(["active", "trialing", "past_due"]);

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ checkout?: string | string[] }> }) {
  const user = await requireUser();
  const [t, { locale }, params] = await Promise.all([getT(), getPreferences(), searchParams]);
  const billingOn = config().stripe !== null;
  const hasCustomer = billingOn && (await hasStripeCustomer(user.id));
  const pastDue = billingOn && user.subscriptionStatus === "past_due";
  const paying = PRO_STATUSES.has(user.subscriptionStatus ?? "");
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const checkout = params.checkout === "success" ? "checkoutSuccess" : params.checkout === "cancelled" ? "checkoutCancelled" : null;
  const statusKey = `billing.status.${user.subscriptionStatus ?? "none"}`;
  const status = t(statusKey) === statusKey ? user.subscriptionStatus : t(statusKey);
  return (
    <>
      <PageHeader title={t("billing.title")} description={t("billing.description")} />
      <div className="space-y-6">
        {billingOn && checkout && <FormMessage state={{ message: t(`billing.stripe.${checkout}`) }} />}
        {pastDue && (
          <div
            role="alert"
            className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-200"
          >
            <p className="font-medium">{t("billing.stripe.pastDue")}</p>
            {hasCustomer && <ManageBillingButton variant="primary" />}
          </div>
        )}
        <Card aria-labelledby="plan-heading">
          <h2 id="plan-heading" className="text-base font-semibold">
            {t("billing.currentPlan")}
          </h2>
          <p className="mt-1 text-sm">{t("billing.yourPlan", { plan: t(`billing.plan.${user.plan}`) })}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-zinc-500 dark:text-zinc-400">{t("billing.subscription")}</dt>
            <dd>{status}</dd>
            {user.currentPeriodEnd && (
              <>
                <dt className="text-zinc-500 dark:text-zinc-400">
                  {paying
                    ? t("billing.stripe.paidThrough")
                    : user.subscriptionStatus === "canceled"
                      ? t("billing.stripe.endedOn")
                      : t("billing.periodEnd")}
                </dt>
                <dd>
                  {dateFormat.format(new Date(user.currentPeriodEnd))} (
                  <RelativeTime iso={user.currentPeriodEnd} locale={locale} />)
                  {paying && <p className="text-xs text-zinc-500 dark:text-zinc-400">{t("billing.stripe.paidThroughHint")}</p>}
                </dd>
              </>
            )}
          </dl>
          <h3 className="mt-5 mb-3 text-sm font-semibold">{t("billing.usageThisMonth")}</h3>
          <PlanMeters usage={await planUsage(user.id)} t={t} />
        </Card>

        {!billingOn ? (
          <EmptyState
            title={t("billing.notConfigured")}
            description={user.role === "admin" ? `${t("billing.notConfiguredBody")} ${t("billing.notConfiguredAdmin")}` : t("billing.notConfiguredBody")}
          />
        ) : (
          <>
            {user.plan === "FREE" && (
              <Card aria-labelledby="upgrade-heading">
                <h2 id="upgrade-heading" className="text-base font-semibold">
                  {t("billing.stripe.upgradeTitle")}
                </h2>
                <p className="mt-1 mb-4 text-sm text-zinc-500 dark:text-zinc-400">{t("billing.stripe.upgradeBody")}</p>
                <UpgradeButton />
              </Card>
            )}
            {hasCustomer && (
              <Card aria-labelledby="manage-heading">
                <h2 id="manage-heading" className="text-base font-semibold">
                  {t("billing.stripe.manageTitle")}
                </h2>
                <p className="mt-1 mb-4 text-sm text-zinc-500 dark:text-zinc-400">{t("billing.stripe.manageBody")}</p>
                <ManageBillingButton />
              </Card>
            )}
          </>
        )}

        <Card aria-labelledby="limits-heading">
          <h2 id="limits-heading" className="mb-3 text-base font-semibold">
            {t("billing.limits.title")}
          </h2>
          <PlanLimitsTable yours={user.plan} />
        </Card>
        <section aria-labelledby="run-limits-heading">
          <h2 id="run-limits-heading" className="mb-3 text-base font-semibold">
            {t("sandbox.limits.title")}
          </h2>
          <RunLimitsTable />
        </section>
      </div>
    </>
  );
}
