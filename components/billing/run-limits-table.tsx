import { RUN_LIMITS, type RunLimits } from "@/lib/billing/plans";
import { getT } from "@/lib/i18n/server";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/time";
import { DataTable, headRow, row, td, th } from "@/components/ui/table";

const LIMITS: Array<{ key: keyof RunLimits; show: (v: number) => string }> = [
  { key: "memoryBytes", show: formatBytes },
  { key: "processes", show: String },
  { key: "cpuSeconds", show: (s) => formatDuration(s * 1000) },
  { key: "fileSizeBytes", show: formatBytes },
  { key: "openFiles", show: String },
  { key: "diskWriteBytes", show: formatBytes },
  { key: "wallClockMs", show: formatDuration },
  { key: "outputBytes", show: formatBytes },
];

const PLANS = Object.keys(RUN_LIMITS) as Array<keyof typeof RUN_LIMITS>;

/** What one run may use on each plan (the sandbox enforces these): on /billing and /admin/security. */
export async function RunLimitsTable() {
  const t = await getT();
  return (
    <DataTable id="run-limits" caption={t("sandbox.limits.caption")}>
      <thead className={headRow}>
        <tr>
          <th scope="col" className={th}>
            {t("sandbox.limits.col.limit")}
          </th>
          {PLANS.map((plan) => (
            <th key={plan} scope="col" className={th}>
              {plan}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {LIMITS.map(({ key, show }) => (
          <tr key={key} className={row}>
            <th scope="row" className={`${td} text-left font-medium`}>
              {t(`sandbox.limit.${key}`)}
            </th>
            {PLANS.map((plan) => (
              <td key={plan} className={td}>
                {show(RUN_LIMITS[plan][key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
