"use client";
import Link from "next/link";
import { useActionState, useId } from "react";
import type { Plan, Role } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormMessage, inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { useT } from "@/lib/i18n/client";
import { removeUser, revokeAllSessions, saveRole, savePlan, toggleDisabled } from "../actions";

type Target = { id: string; email: string; role: Role; plan: Plan; disabled: boolean };
type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const ROLE_OPTIONS: Role[] = ["user", "admin"];
const PLAN_OPTIONS: Plan[] = ["FREE", "PRO"];

/** A labelled select with a Save button, its own form and its own message. */
function SelectForm<V extends string>({
  action,
  userId,
  name,
  label,
  submit,
  value,
  options,
  optionLabel,
  hint,
}: {
  action: Action;
  userId: string;
  name: string;
  label: string;
  submit: string;
  value: V;
  options: V[];
  optionLabel: (v: V) => string;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select
          id={id}
          name={name}
          key={value}
          defaultValue={state.values?.[name] ?? value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          className={cn(inputClass, "w-auto min-w-40")}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(o)}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t("common.loading") : submit}
        </Button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <FormMessage state={state} />
    </form>
  );
}

/** One button that posts the user id (and maybe one more field), with its message under it. */
function ButtonForm({
  action,
  userId,
  extra,
  label,
  variant = "secondary",
  note,
}: {
  action: Action;
  userId: string;
  extra?: Record<string, string>;
  label: string;
  variant?: "secondary" | "danger";
  note?: string;
}) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {note && <p className="text-sm text-zinc-600 dark:text-zinc-400">{note}</p>}
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? t("common.loading") : label}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

function DeleteUserForm({ target }: { target: Target }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(removeUser, {});
  if (state.ok && state.data?.deleted) {
    return (
      <div className="space-y-2">
        <FormMessage state={state} />
        <Link href="/admin/users" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          {t("admin.user.back")}
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="userId" value={target.id} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t("admin.user.deleteNote", { email: target.email })}</p>
      <Field
        label={t("admin.user.confirmEmail")}
        name="confirmEmail"
        type="email"
        autoComplete="off"
        spellCheck={false}
        placeholder={target.email}
        defaultValue={state.values?.confirmEmail ?? ""}
        error={state.fields?.confirmEmail}
        className="max-w-sm"
      />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? t("common.loading") : t("admin.user.delete")}
      </Button>
      {!state.fields?.confirmEmail && <FormMessage state={state} />}
    </form>
  );
}

/**
 * The admin's controls on a user's profile: role, plan, account access, and
 * the danger zone. They show on the admin's own profile too; lib refuses
 * what is not allowed (disabling or deleting yourself, removing the last
 * admin) with a message.
 */
export function ManageUser({ target }: { target: Target }) {
  const t = useT();
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-2">
      <Card aria-labelledby="manage-heading" className="space-y-6">
        <h2 id="manage-heading" className="text-base font-semibold">
          {t("admin.user.manage")}
        </h2>
        <SelectForm
          action={saveRole}
          userId={target.id}
          name="role"
          label={t("admin.user.roleLabel")}
          submit={t("admin.user.saveRole")}
          value={target.role}
          options={ROLE_OPTIONS}
          optionLabel={(r) => t(`role.${r}`)}
        />
        <SelectForm
          action={savePlan}
          userId={target.id}
          name="plan"
          label={t("admin.user.planLabel")}
          submit={t("admin.user.savePlan")}
          value={target.plan}
          options={PLAN_OPTIONS}
          optionLabel={(p) => t(`billing.plan.${p}`)}
          hint={t("admin.user.planNote")}
        />
        <ButtonForm
          action={toggleDisabled}
          userId={target.id}
          extra={{ disabled: String(!target.disabled) }}
          label={t(target.disabled ? "admin.user.enable" : "admin.user.disable")}
          note={target.disabled ? undefined : t("admin.user.disableNote")}
        />
        <ButtonForm action={revokeAllSessions} userId={target.id} label={t("admin.user.revokeSessions")} />
      </Card>
      <Card aria-labelledby="danger-heading" className="space-y-3 border-red-300 dark:border-red-900">
        <h2 id="danger-heading" className="text-base font-semibold text-red-700 dark:text-red-400">
          {t("admin.user.dangerZone")}
        </h2>
        <DeleteUserForm target={target} />
      </Card>
    </div>
  );
}
