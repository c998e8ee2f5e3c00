import type { Metadata } from "next";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Badge, DataTable, headRow, muted, row, td, th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { requireUser } from "@/lib/auth/current-user";
import { importLimitsFor } from "@/lib/billing/plans";
import { IMPORT_KINDS, type Plan } from "@/lib/domain";
import { formatBytes } from "@/lib/format/bytes";
import { listImports } from "@/lib/imports/imports";
import { renderText } from "@/lib/i18n/localized-error";
import { getPreferences, getT } from "@/lib/i18n/server";
import { ImportForm, RefreshWhileBusy } from "./_components/import-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("import.title") };
}

const statusTone = { pending: "neutral", running: "accent", done: "neutral", failed: "danger" } as const;

/** Bring data from other tools: upload a file, follow its import, read its report. */
export default async function ImportPage() {
  const user = await requireUser();
  const t = await getT();
  const { locale } = await getPreferences();
  const page = await listImports(user.id, { limit: 20 });
  const busy = page.data.some((i) => i.status === "pending" || i.status === "running");
  const max = formatBytes(importLimitsFor(user.plan as Plan).importFileBytes);

  return (
    <>
      <PageHeader title={t("import.title")} description={t("import.description")} />
      <RefreshWhileBusy busy={busy} />
      <div className="space-y-6">
        <Card aria-labelledby="import-form-heading">
          <h2 id="import-form-heading" className="mb-4 text-base font-semibold">
            {t("import.form.heading")}
          </h2>
          <ImportForm limitText={t("import.form.limit", { max, plan: user.plan })} />
        </Card>

        <section aria-labelledby="imports-heading" className="space-y-3">
          <h2 id="imports-heading" className="text-base font-semibold">
            {t("import.list.heading")}
          </h2>
          {page.data.length === 0 ? (
            <EmptyState title={t("import.list.empty")} description={t("import.description")} />
          ) : (
            <ul className="space-y-4">
              {page.data.map((item) => {
                const kinds = IMPORT_KINDS.filter((k) => item.counts[k]);
                return (
                  <li key={item.id}>
                    <Card aria-label={`${item.fileName || t(`import.source.${item.source}`)}`} data-import-status={item.status}>
                      <div className="mb-3 flex flex-wrap items-center gap-2">
                        <span className="font-medium break-all">{item.fileName || "—"}</span>
                        <span className={`${muted} text-sm`}>
                          {t(`import.source.${item.source}`)} · {formatBytes(item.sizeBytes)} · <RelativeTime iso={item.createdAt} locale={locale} />
                        </span>
                        <Badge tone={statusTone[item.status]}>{t(`import.status.${item.status}`)}</Badge>
                      </div>
                      {item.status === "running" && (
                        <div className="mb-3 flex items-center gap-2 text-sm">
                          {/* Indeterminate while the file is being read; then steps written of the total. */}
                          <progress max={Math.max(item.progressTotal, 1)} value={item.progressTotal ? item.progressDone : undefined} aria-label={t("import.status.running")} className="w-48" />
                          {item.progressTotal > 0 && <span className={muted}>{t("import.progress", { done: item.progressDone, total: item.progressTotal })}</span>}
                        </div>
                      )}
                      {item.error && (
                        <p role="alert" className="mb-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">
                          {renderText(t, item.error)}
                        </p>
                      )}
                      {item.status === "done" && kinds.length === 0 && <p className={`${muted} text-sm`}>{t("import.report.nothing")}</p>}
                      {kinds.length > 0 && (
                        <DataTable id={`import-${item.id}`} caption={t("import.report.kind")}>
                          <thead>
                            <tr className={headRow}>
                              <th scope="col" className={th}>
                                {t("import.report.kind")}
                              </th>
                              <th scope="col" className={th}>
                                {t("import.report.imported")}
                              </th>
                              <th scope="col" className={th}>
                                {t("import.report.skipped")}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            {kinds.map((kind) => (
                              <tr key={kind} className={row} data-kind={kind}>
                                <th scope="row" className={`${td} text-left font-medium`}>
                                  {t(`import.kind.${kind}`)}
                                </th>
                                <td className={td}>{item.counts[kind]!.imported}</td>
                                <td className={td}>{item.counts[kind]!.skipped}</td>
                              </tr>
                            ))}
                          </tbody>
                        </DataTable>
                      )}
                      {item.problems.length > 0 && (
                        <div className="mt-3">
                          <h3 className="mb-1 text-sm font-semibold">{t("import.report.problems")}</h3>
                          <ul className="list-disc space-y-1 pl-5 text-sm">
                            {item.problems.map((p, i) => (
                              <li key={i}>
                                {t(`import.kind.${p.kind}`)} ({p.count}): {renderText(t, p.reason)}
                                {p.example && <span className={muted}> — {t("import.report.example", { example: p.example })}</span>}
                              </li>
                            ))}
                          </ul>
                        </div>
                      )}
                    </Card>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
