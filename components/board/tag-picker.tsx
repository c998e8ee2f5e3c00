"use client";
import { CheckboxField } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";

/** Checkboxes "Tag <name>" in a labelled group; the form sends the choice as one comma-separated hidden field. */
export function TagPicker({
  tags,
  selected,
  onChange,
}: {
  tags: Array<{ id: string; name: string }>;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium">{t("board.field.tags")}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {tags.map((tag) => (
          <CheckboxField
            key={tag.id}
            label={t("board.tags.toggle", { name: tag.name })}
            checked={selected.includes(tag.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, tag.id] : selected.filter((id) => id !== tag.id))}
          />
        ))}
      </div>
    </fieldset>
  );
}
