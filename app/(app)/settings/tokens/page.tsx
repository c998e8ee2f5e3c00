import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/current-user";
import { getPreferences, getT } from "@/lib/i18n/server";
import { listApiTokens } from "@/lib/tokens/tokens";
import { CreateTokenForm } from "./_components/create-token-form";
import { publicOrigin } from "@/lib/http/public-origin";
import { TokenList, type TokenRow } from "./_components/token-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("settings.nav.tokens") };
}

export default async function TokensPage() {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const never = t("settings.tokens.never");
  const rows: TokenRow[] = (await listApiTokens(user.id)).map((token) => ({
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    created: <RelativeTime iso={token.createdAt} locale={locale} />,
    lastUsed: <RelativeTime iso={token.lastUsedAt} locale={locale} never={never} />,
  }));
  const example = `curl -H "Authorization: Bearer <token>" ${await publicOrigin()}/api/v1/me`;
  return (
    <>
      <Card aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="text-base font-semibold">
          {t("settings.tokens.title")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-zinc-500 dark:text-zinc-400">{t("settings.tokens.description")}</p>
        <CreateTokenForm activeIds={rows.map((r) => r.id)} />
      </Card>
      <Card aria-labelledby="token-list-heading">
        <h2 id="token-list-heading" className="mb-4 text-base font-semibold">
          {t("settings.tokens.listTitle")}
        </h2>
        <TokenList tokens={rows} />
      </Card>
      <Card aria-labelledby="token-usage-heading">
        <h2 id="token-usage-heading" className="text-base font-semibold">
          {t("settings.tokens.usageTitle")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-zinc-500 dark:text-zinc-400">{t("settings.tokens.usageDescription")}</p>
        <pre className="relative overflow-x-auto rounded-md bg-zinc-100 px-3 py-2 font-mono text-xs text-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
          <code>{example}</code>
        </pre>
      </Card>
    </>
  );
}
