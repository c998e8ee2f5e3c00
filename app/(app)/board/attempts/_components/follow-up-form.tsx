"use client";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { followUpAction } from "../actions";

/** A message for the attempt's agent; while it is busy the message waits as a queued draft. */
export function FollowUpForm({ attemptId, busy }: { attemptId: string; busy: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState(followUpAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-2" aria-label={t("attempts.followUp.form")}>
      <FormMessage state={state} />
      <input type="hidden" name="attemptId" value={attemptId} />
      <TextAreaField
        label={t("attempts.followUp.label")}
        hint={busy ? t("attempts.followUp.busyHint") : undefined}
        name="message"
        rows={2}
        required
        defaultValue={state.ok ? "" : state.values?.message}
        error={state.fields?.message}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("attempts.followUp.submit")}
      </Button>
    </form>
  );
}
