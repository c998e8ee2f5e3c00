import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { messages } from "@/lib/i18n/messages";
import { makeTranslator } from "@/lib/i18n/translate";
import type { UsageRow } from "@/lib/usage/schemas";
import { ProjectUsageTable, USAGE_TABLE_ROWS } from "./project-table";

const t = makeTranslator(messages.en, "en");
const row = (i: number, costUsd: number): UsageRow => ({
  key: `p${i}`,
  name: `project-${i}`,
  runs: 1,
  inputTokens: 100,
  outputTokens: 10,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd,
});
const totalsOf = (rows: UsageRow[]) => ({
  runs: rows.length,
  inputTokens: 100 * rows.length,
  outputTokens: 10 * rows.length,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: rows.reduce((s, r) => s + r.costUsd, 0),
});
const render = (rows: UsageRow[], showAllHref?: string) =>
  renderToStaticMarkup(createElement(ProjectUsageTable, { id: "usage-projects", rows, totals: totalsOf(rows), locale: "en", t, showAllHref }));

describe("the usage table of a thousand projects", () => {
  const rows = Array.from({ length: 1000 }, (_, i) => row(i, 1000 - i));

  it("lists the costliest rows and sums the rest in one row that links to all of them", () => {
    const html = render(rows, "/usage?all=usage-projects#usage-projects");
    expect(html).toContain("project-0<");
    expect(html).toContain(`project-${USAGE_TABLE_ROWS - 1}<`);
    expect(html).not.toContain(`project-${USAGE_TABLE_ROWS}<`);
    const folded = 1000 - USAGE_TABLE_ROWS;
    expect(html).toContain(`href="/usage?all=usage-projects#usage-projects">${folded} more: show all</a>`);
    // The folded row carries the rest's runs and cost, so the rows still add up to the total.
    const restCost = rows.slice(USAGE_TABLE_ROWS).reduce((s, r) => s + r.costUsd, 0);
    expect(html).toContain(`>${folded}</td>`);
    expect(html).toContain(`$${restCost.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  });

  it("lists every row when asked for all of them (no link), and never folds a single row", () => {
    expect(render(rows)).toContain("project-999<");
    expect(render(rows)).not.toContain("show all");
    const justOver = rows.slice(0, USAGE_TABLE_ROWS + 1);
    expect(render(justOver, "/usage?all=usage-projects")).toContain(`project-${USAGE_TABLE_ROWS}<`);
    expect(render(justOver, "/usage?all=usage-projects")).not.toContain("show all");
  });
});
