"use client";
import { useCallback, useState } from "react";
import type { z } from "zod";
import { useT } from "@/lib/i18n/client";
import { fieldErrors } from "@/lib/validation";

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
