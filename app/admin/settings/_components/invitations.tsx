"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { createInvitationAction, revokeInvitationAction } from "../actions";

/** "Create invitation", then the new link, shown this once (only a hash of its code is kept). */
export function CreateInvitation() {
  const t = useT();
  const [state, action, pending] = useActionState(createInvitationAction, {});
  const link = state.data?.link;
  return (
    <form action={action} className="space-y-4">
      <Button type="submit" disabled={pending}>
        {pending ? t("common.loading") : t("admin.settings.invitations.create")}
      </Button>
      <FormMessage state={state} />
      {link && <Field label={t("admin.settings.invitations.link")} name="link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />}
    </form>
  );
}

export function RevokeInvitation({ id }: { id: string }) {
  const t = useT();
  const [state, action, pending] = useActionState(revokeInvitationAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2 py-1">
        {t("admin.settings.invitations.revoke")}
      </Button>
      {state.error && (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {state.error}
        </p>
      )}
    </form>
  );
}
