"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { openPortal, startCheckout } from "../actions";

/** "Upgrade to PRO": a server action creates the Checkout session and redirects to Stripe. */
export function UpgradeButton() {
  const t = useT();
  const [state, action, pending] = useActionState(startCheckout, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("billing.stripe.redirecting") : t("billing.stripe.upgrade")}
      </Button>
    </form>
  );
}

/** "Manage billing": opens Stripe's Customer Portal. */
export function ManageBillingButton({ variant = "secondary" }: { variant?: "primary" | "secondary" }) {
  const t = useT();
  const [state, action, pending] = useActionState(openPortal, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <Button type="submit" variant={variant} disabled={pending} aria-busy={pending}>
        {pending ? t("billing.stripe.redirecting") : t("billing.stripe.manage")}
      </Button>
    </form>
  );
}
