"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import type { BoardOption } from "@/lib/tasks/board-options";
import { useBoardOptions } from "./board-options";
import type { BoardFilters as Filters } from "@/lib/tasks/board";

type Props = { filters: Filters };

/**
 * The board's filters apply as they change and live in the URL
 * (/board?projectId=…&agentId=…&tagId=…), so a filtered board can be linked.
 * Without JavaScript it is still a plain GET form.
 */
export function BoardFilters({ filters }: Props) {
  const t = useT();
  const { projects, agents, tags } = useBoardOptions();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const all = { value: "", label: t("board.filter.all") };
  const active = Boolean(filters.projectId || filters.agentId || filters.tagId);

  function change(name: string, value: string) {
    // The open task panel closes: the card may not be on the filtered board.
    const next = Object.entries({ ...filters, [name]: value }).filter((e): e is [string, string] => !!e[1]);
    const query = new URLSearchParams(next).toString();
    startTransition(() => router.replace(query ? `/board?${query}` : "/board", { scroll: false }));
  }

  const select = (name: keyof Filters, label: string, options: BoardOption[]) => (
    <SelectField
      label={label}
      name={name}
      value={filters[name] ?? ""}
      onChange={(e) => change(name, e.target.value)}
      options={[all, ...options.map((o) => ({ value: o.id, label: o.name }))]}
      className="min-w-36 flex-1 sm:flex-none"
    />
  );

  return (
    <form method="get" action="/board" role="search" aria-label={t("board.filters")} aria-busy={pending} className="mb-3 flex flex-wrap items-end gap-3">
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
    </form>
  );
}
