"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { saveModelPrice } from "../actions";
import { columnId, PRICE_FIELDS, type PriceField } from "./fields";

export type ModelRow = { id: string; name: string; provider: string; updatedAt: string } & Record<PriceField, number | null>;

/**
 * One model's prices as a table row with its own form. A <form> cannot wrap
 * a <tr>, so the form sits in the last cell and the inputs join it through
 * their `form` attribute. Each input is named by its column header and the
 * row's model ("Input claude-sonnet-4-5").
 */
export function ModelPriceRow({ model }: { model: ModelRow }) {
  const t = useT();
  const [state, action, pending] = useActionState(saveModelPrice, {});
  const formId = `model-${model.id}`;
  const nameId = `${formId}-name`;
  const provider = t(`usage.models.provider.${model.provider}`);

  return (
    <tr className="border-t border-zinc-200 align-top dark:border-zinc-800">
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <span id={nameId} className="block font-mono text-sm font-medium whitespace-nowrap">
          {model.name}
        </span>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">{provider.startsWith("usage.") ? model.provider : provider}</span>
      </th>
      {PRICE_FIELDS.map(({ name, required }) => {
        const error = state.fields?.[name];
        const errorId = `${formId}-${name}-error`;
        const current = model[name] === null ? "" : String(model[name]);
        return (
          <td key={name} className="px-3 py-2">
            <input
              // Remount after a save so the inputs show the stored values.
              key={model.updatedAt}
              form={formId}
              name={name}
              defaultValue={state.values?.[name] ?? current}
              inputMode="decimal"
              autoComplete="off"
              required={required}
              aria-labelledby={`${columnId(name)} ${nameId}`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              className={cn(inputClass.replace("w-full", "w-24"), "text-right tabular-nums")}
            />
            {error && (
              <p id={errorId} className="mt-1 max-w-[10rem] text-xs text-red-600 dark:text-red-400">
                {error}
              </p>
            )}
          </td>
        );
      })}
      <td className="px-3 py-2">
        <form id={formId} action={action} noValidate>
          <input type="hidden" name="id" value={model.id} />
          <Button type="submit" variant="secondary" disabled={pending} aria-describedby={`${formId}-status`}>
            {pending ? t("usage.models.saving") : t("usage.models.save")}
            <span className="sr-only"> {model.name}</span>
          </Button>
        </form>
        <p
          id={`${formId}-status`}
          role={state.error ? "alert" : "status"}
          className={cn("mt-1 max-w-[12rem] text-xs", state.error ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400")}
        >
          {state.error ?? (state.ok ? t("common.saved") : "")}
        </p>
      </td>
    </tr>
  );
}
