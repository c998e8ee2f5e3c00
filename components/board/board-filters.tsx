"use client";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/filter-form";
import { useT } from "@/lib/i18n/client";
import type { BoardOption } from "@/lib/tasks/board-options";
import { useBoardOptions } from "./board-options";
import type { BoardFilters as Filters } from "@/lib/tasks/board";

type Props = { filters: Filters };

/**
 * The board's filters apply as they change and live in the URL
 * (/board?projectId=…&agentId=…&tagId=…), so a filtered board can be linked;
 * the open task panel closes (the card may not be on the filtered board).
 * Without JavaScript it is still a plain GET form.
 */
export function BoardFilters({ filters }: Props) {
  const t = useT();
  const { projects, agents, tags } = useBoardOptions();
  const all = { value: "", label: t("board.filter.all") };
  const active = Boolean(filters.projectId || filters.agentId || filters.tagId);

  const select = (name: keyof Filters, label: string, options: BoardOption[]) => (
    <SelectField
      label={label}
      name={name}
      defaultValue={filters[name] ?? ""}
      options={[all, ...options.map((o) => ({ value: o.id, label: o.name }))]}
      className="min-w-36 flex-1 sm:flex-none"
    />
  );

  return (
    <FilterForm
      // Remade when the URL's filters change (Clear, back), so each select shows what the board shows.
      key={[filters.projectId, filters.agentId, filters.tagId].join("/")}
      action="/board"
      label={t("board.filters")}
      className="mb-3 flex flex-wrap items-end gap-3"
    >
      {select("projectId", t("board.filter.project"), projects)}
      {select("agentId", t("board.filter.agent"), agents)}
      {select("tagId", t("board.filter.tag"), tags)}
      <noscript>
        <button type="submit" className={buttonClass("secondary")}>
          {t("board.filter.apply")}
        </button>
      </noscript>
      {active && (
        <Link href="/board" scroll={false} className={buttonClass("ghost")}>
          {t("board.filter.clear")}
        </Link>
      )}
    </FilterForm>
  );
}
