"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { revokeToken } from "../actions";

/** What the browser gets about a token: never its hash. Times come pre-rendered from the server. */
export type TokenRow = { id: string; name: string; prefix: string; created: React.ReactNode; lastUsed: React.ReactNode };

const th = "px-4 py-2 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400";
const td = "px-4 py-3 align-top";

export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  const t = useT();
  const [state, action, pending] = useActionState(revokeToken, {});
  const [confirming, setConfirming] = useState<string | null>(null);
  // Asked below the table, so the question stays readable when the table scrolls sideways.
  const target = tokens.find((token) => token.id === confirming);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {tokens.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
          {t("settings.tokens.empty")}
        </p>
      ) : (
        <div className="relative overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800">
          <table className="min-w-full divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            <caption className="sr-only">{t("settings.tokens.tableCaption")}</caption>
            <thead className="bg-zinc-50 dark:bg-zinc-900/60">
              <tr>
                <th scope="col" className={th}>{t("settings.tokens.column.name")}</th>
                <th scope="col" className={th}>{t("settings.tokens.column.token")}</th>
                <th scope="col" className={th}>{t("settings.tokens.column.created")}</th>
                <th scope="col" className={th}>{t("settings.tokens.column.lastUsed")}</th>
                <th scope="col" className={th}>
                  <span className="sr-only">{t("settings.tokens.column.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row" className={`${td} min-w-32 text-left font-medium break-words`}>{token.name}</th>
                  <td className={`${td} font-mono whitespace-nowrap`}>{token.prefix}…</td>
                  <td className={`${td} whitespace-nowrap`}>{token.created}</td>
                  <td className={`${td} whitespace-nowrap`}>{token.lastUsed}</td>
                  <td className={`${td} text-right`}>
                    <Button
                      id={`revoke-${token.id}`}
                      type="button"
                      variant="secondary"
                      aria-expanded={confirming === token.id}
                      aria-controls={confirming === token.id ? "revoke-confirm" : undefined}
                      onClick={() => setConfirming(confirming === token.id ? null : token.id)}
                    >
                      {t("settings.tokens.revoke")}
                      <span className="sr-only"> {token.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {target && (
        <form
          id="revoke-confirm"
          action={action}
          className="flex flex-col gap-3 rounded-md border border-red-200 bg-red-50 p-4 sm:flex-row sm:items-center sm:justify-between dark:border-red-900 dark:bg-red-950/40"
        >
          <input type="hidden" name="tokenId" value={target.id} />
          <input type="hidden" name="name" value={target.name} />
          <p className="text-sm text-red-800 dark:text-red-200">{t("settings.tokens.confirmRevoke", { name: target.name })}</p>
          <div className="flex shrink-0 gap-2">
            <Button type="submit" variant="danger" disabled={pending} autoFocus>
              {pending ? t("common.loading") : t("settings.tokens.confirmRevokeButton")}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => {
                setConfirming(null);
                document.getElementById(`revoke-${target.id}`)?.focus(); // back to where the question came from
              }}
            >
              {t("settings.tokens.cancel")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
