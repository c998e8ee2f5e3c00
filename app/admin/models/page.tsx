import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { getT } from "@/lib/i18n/server";
import { listModels, unpricedModels } from "@/lib/usage/models";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, headRow, link, th } from "@/components/ui/table";
import { AddModelForm } from "./_components/add-model-form";
import { columnId, PRICE_FIELDS } from "./_components/fields";
import { ModelPriceRow } from "./_components/model-price-row";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("usage.models.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The price list that costs runs whose executor reports tokens only: one row per model, each saved on its own. */
export default async function AdminModelsPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireAdmin();
  const [t, list, unpriced, params] = await Promise.all([getT(), listModels(), unpricedModels(admin), searchParams]);
  const add = typeof params.add === "string" ? params.add.slice(0, 100) : undefined;

  return (
    <>
      <PageHeader title={t("usage.models.title")} description={t("usage.models.description")} />

      {unpriced.length > 0 && (
        <section
          aria-labelledby="unpriced-heading"
          className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/40"
        >
          <h2 id="unpriced-heading" className="font-semibold">
            {t("usage.models.unpricedTitle")}
          </h2>
          <p className="mt-1 text-zinc-700 dark:text-zinc-300">{t("usage.models.unpricedBody")}</p>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
            {unpriced.map((u) => (
              <li key={u.model}>
                <a href={`?add=${encodeURIComponent(u.model)}#add-model`} className={`font-mono ${link}`}>
                  {t("usage.models.unpricedRuns", { model: u.model, count: u.runs })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {list.length === 0 ? (
        <p className="mb-6 text-sm text-zinc-500 dark:text-zinc-400">{t("usage.models.empty")}</p>
      ) : (
        <DataTable id="models" caption={t("usage.models.caption")}>
          <thead className={headRow}>
            <tr>
              <th scope="col" className={th}>
                {t("usage.models.col.model")}
              </th>
              {PRICE_FIELDS.map(({ name, label }) => (
                <th key={name} id={columnId(name)} scope="col" className={th}>
                  {t(label)}
                </th>
              ))}
              <th scope="col" className={th}>
                <span className="sr-only">{t("usage.models.col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((model) => (
              <ModelPriceRow key={model.id} model={model} />
            ))}
          </tbody>
        </DataTable>
      )}
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{t("usage.models.cacheHint")}</p>

      <Card aria-labelledby="add-model" className="mt-8">
        <h2 id="add-model" className="mb-4 scroll-mt-6 text-base font-semibold">
          {t("usage.models.add.title")}
        </h2>
        <AddModelForm key={add} initialName={add} />
      </Card>
    </>
  );
}
