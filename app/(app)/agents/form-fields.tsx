"use client";
import { useCallback, useId, useState } from "react";
import type { z } from "zod";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { useT } from "@/lib/i18n/client";
import { fieldErrors } from "@/lib/validation";

/*
 * Form pieces the agent and project forms share: labelled textarea, select
 * and checkbox with their errors wired up for screen readers (like
 * components/ui/field.tsx's Field), and live validation with the same zod
 * schema the server action parses.
 */

function describedBy(id: string, error?: string, hint?: string) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, error, hint }: { id: string; error?: string; hint?: string }) {
  return (
    <>
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...props
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; error?: string; hint?: string }) {
  const id = useId();
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={id}
        className={cn(inputClass, "min-h-24 font-mono")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...props}
      />
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  options,
  className,
  ...props
}: React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  error?: string;
  hint?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const id = useId();
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} className={inputClass} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, hint)} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({ label, className, ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <input id={id} type="checkbox" className="size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700" {...props} />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </div>
  );
}

type FormEvent = React.FormEvent<HTMLFormElement>;

/**
 * Validates a form as the user types, with the very zod schema the server
 * action parses again. A field shows its error once it has been touched;
 * until then (and right after a submit) the server's field errors show.
 * Spread `formProps` on the <form>; read a field's message with `error(name)`.
 */
export function useLiveValidation(schema: z.ZodType, serverFields: Record<string, string> | undefined) {
  const t = useT();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());

  const check = useCallback(
    (form: HTMLFormElement) => {
      const parsed = schema.safeParse(Object.fromEntries(new FormData(form)));
      const next = parsed.success ? {} : Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k, t(v)]));
      setErrors(next);
      return next;
    },
    [schema, t],
  );

  const touch = (event: FormEvent) => {
    const name = (event.target as HTMLInputElement).name;
    if (name) setTouched((prev) => (prev.has(name) ? prev : new Set(prev).add(name)));
    check(event.currentTarget);
  };

  const formProps = {
    noValidate: true,
    onInput: touch,
    onBlur: touch,
    onSubmit: (event: FormEvent) => {
      const form = event.currentTarget;
      const found = check(form);
      const invalid = Object.keys(found);
      if (invalid.length) {
        event.preventDefault();
        setTouched(new Set(invalid));
        form.querySelector<HTMLElement>(`[name="${CSS.escape(invalid[0]!)}"]`)?.focus();
      } else {
        setTouched(new Set()); // show what the server says about this submission
      }
    },
  };

  const error = (name: string) => (touched.has(name) ? errors[name] : serverFields?.[name]);
  return { formProps, error };
}
