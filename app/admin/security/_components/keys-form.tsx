"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField, FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { saveServerKeysSharing } from "../actions";

/** The one server-wide switch of /admin/security: whether agent CLIs may use the server's provider keys. */
export function ServerKeysForm({ shared }: { shared: boolean }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveServerKeysSharing, {});
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <CheckboxField name="share" label={t("sandbox.keys.share")} defaultChecked={shared} />
      <Button type="submit" disabled={pending}>
        {t("sandbox.keys.save")}
      </Button>
    </form>
  );
}
