import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { getT } from "@/lib/i18n/server";
import type { BoardOption } from "@/lib/tasks/board-options";
import type { BoardFilters as Filters } from "@/lib/tasks/board";

type Props = { filters: Filters; projects: BoardOption[]; agents: BoardOption[]; tags: BoardOption[] };

/** A plain GET form: the filters live in the URL (/board?projectId=…&agentId=…&tagId=…), so a filtered board can be linked. */
export async function BoardFilters({ filters, projects, agents, tags }: Props) {
  const t = await getT();
  const all = { value: "", label: t("board.filter.all") };
  const active = Boolean(filters.projectId || filters.agentId || filters.tagId);
  return (
    <form method="get" action="/board" role="search" aria-label={t("board.filters")} className="mb-4 flex flex-wrap items-end gap-3">
      <SelectField
        label={t("board.filter.project")}
        name="projectId"
        defaultValue={filters.projectId ?? ""}
        options={[all, ...projects.map((p) => ({ value: p.id, label: p.name }))]}
        className="min-w-40"
      />
      <SelectField
        label={t("board.filter.agent")}
        name="agentId"
        defaultValue={filters.agentId ?? ""}
        options={[all, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        className="min-w-40"
      />
      <SelectField
        label={t("board.filter.tag")}
        name="tagId"
        defaultValue={filters.tagId ?? ""}
        options={[all, ...tags.map((tag) => ({ value: tag.id, label: tag.name }))]}
        className="min-w-40"
      />
      <button type="submit" className={buttonClass("secondary")}>
        {t("board.filter.apply")}
      </button>
      {active && (
        <Link href="/board" className={buttonClass("ghost")}>
          {t("board.filter.clear")}
        </Link>
      )}
    </form>
  );
}
