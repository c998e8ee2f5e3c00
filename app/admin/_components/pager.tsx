import Link from "next/link";
import { getT } from "@/lib/i18n/server";
import { buttonClass } from "@/components/ui/button";

/** "Previous" / "Next" links of a cursor-paginated list; nothing when everything fits on one page. */
export async function Pager({ prevHref, nextHref }: { prevHref: string | null; nextHref: string | null }) {
  if (!prevHref && !nextHref) return null;
  const t = await getT();
  return (
    <nav aria-label={t("admin.pagination")} className="mt-4 flex justify-between gap-2">
      {prevHref ? (
        <Link href={prevHref} rel="prev" className={buttonClass("secondary")}>
          <span aria-hidden>←</span> {t("common.previous")}
        </Link>
      ) : (
        <span />
      )}
      {nextHref && (
        <Link href={nextHref} rel="next" className={buttonClass("secondary")}>
          {t("common.next")} <span aria-hidden>→</span>
        </Link>
      )}
    </nav>
  );
}

/** The URL of a list page with these query parameters (empty ones left out). */
export function pageHref(path: string, params: Record<string, string | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
