import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { z } from "zod";
import { JOB_STATUSES } from "@/lib/domain";
import { requireAdmin } from "@/lib/auth/current-user";
import { listQuerySchema } from "@/lib/admin/pagination";
import { listJobs, listJobTypes } from "@/lib/admin/jobs";
import { getPreferences, getT } from "@/lib/i18n/server";
import { PageHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/time";
import { Badge, DataTable, headRow, link, muted, row, td, th } from "@/components/ui/table";
import { Pager, pageHref } from "../_components/pager";
import { JobActions } from "./_components/job-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("admin.jobs.title") };
}

const jobsQuerySchema = listQuerySchema.omit({ q: true }).extend({
  status: z.enum(JOB_STATUSES).optional().catch(undefined),
  type: z.string().trim().min(1).max(100).optional().catch(undefined),
});

const tone = { pending: "neutral", running: "accent", done: "neutral", failed: "danger", dead: "danger", cancelled: "neutral" } as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every user's jobs in the durable queue, newest first, with Retry and Cancel. */
export default async function AdminJobsPage({ searchParams }: Props) {
  const admin = await requireAdmin();
  const [t, { locale }] = await Promise.all([getT(), getPreferences()]);
  const { status, type, cursor } = jobsQuerySchema.parse(await searchParams);
  const [page, types] = await Promise.all([listJobs(admin, { status, type, cursor }), listJobTypes(admin)]);
  const filtered = Boolean(status || type);
  const columns = ["type", "status", "owner", "attempts", "runAt", "lastError", "created", "actions"] as const;

  return (
    <>
      <PageHeader title={t("admin.jobs.title")} description={t("admin.jobs.description")} />
      <Form action="/admin/jobs" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="job-status" className="block text-sm font-medium">
            {t("admin.jobs.statusLabel")}
          </label>
          <select id="job-status" name="status" defaultValue={status ?? ""} className={`${inputClass} w-auto`}>
            <option value="">{t("admin.jobs.allStatuses")}</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.jobs.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="job-type" className="block text-sm font-medium">
            {t("admin.jobs.typeLabel")}
          </label>
          <select id="job-type" name="type" defaultValue={type ?? ""} className={`${inputClass} w-auto`}>
            <option value="">{t("admin.jobs.allTypes")}</option>
            {[...new Set([...types, ...(type ? [type] : [])])].map((ty) => (
              <option key={ty} value={ty}>
                {ty}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("admin.jobs.filter")}
        </Button>
        {filtered && (
          <Link href="/admin/jobs" className={`${link} py-2 text-sm`}>
            {t("admin.jobs.clearFilters")}
          </Link>
        )}
      </Form>

      {page.data.length === 0 ? (
        <p className={`rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm dark:border-zinc-700 ${muted}`}>
          {filtered ? t("admin.jobs.noMatch") : t("admin.jobs.empty")}
        </p>
      ) : (
        <DataTable id="jobs" caption={t("admin.jobs.caption")}>
          <thead className={headRow}>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={th}>
                  {t(`admin.jobs.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.data.map((job) => (
              <tr key={job.id} className={`${row} align-top`}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  <code className="text-xs">{job.type}</code>
                </th>
                <td className={td}>
                  <Badge tone={tone[job.status]}>{t(`admin.jobs.status.${job.status}`)}</Badge>
                </td>
                <td className={td}>
                  {job.userId && job.ownerEmail ? (
                    <Link href={`/admin/users/${job.userId}`} className={link}>
                      {job.ownerEmail}
                    </Link>
                  ) : (
                    <span className={muted}>{t("admin.jobs.system")}</span>
                  )}
                </td>
                <td className={`${td} tabular-nums`}>
                  {job.attempts}/{job.maxAttempts}
                </td>
                <td className={td}>
                  <RelativeTime iso={job.runAt} locale={locale} />
                </td>
                <td className={`${td} max-w-xs`}>
                  {job.lastError ? (
                    <span className="block truncate font-mono text-xs" title={job.lastError}>
                      {job.lastError}
                    </span>
                  ) : (
                    <span className={muted}>—</span>
                  )}
                </td>
                <td className={td}>
                  <RelativeTime iso={job.createdAt} locale={locale} />
                </td>
                <td className={td}>
                  <JobActions
                    id={job.id}
                    type={job.type}
                    canRetry={job.status === "dead" || job.status === "failed" || job.status === "cancelled"}
                    canCancel={job.status === "pending" || job.status === "running"}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager
        prevHref={page.prev && pageHref("/admin/jobs", { status, type, cursor: page.prev.cursor })}
        nextHref={page.nextCursor && pageHref("/admin/jobs", { status, type, cursor: page.nextCursor })}
      />
    </>
  );
}
