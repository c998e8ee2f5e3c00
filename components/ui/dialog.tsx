"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import { Plus, X } from "lucide-react";
import { createContext, useContext, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { buttonClass } from "./button";
import { cn } from "./cn";

/** Lets a form inside a dialog close it once it has done its job (outside a dialog, a no-op). */
const CloseContext = createContext<() => void>(() => {});
export const useCloseDialog = () => useContext(CloseContext);

type Props = {
  /** The button that opens it (rendered as is, Radix wires it up). */
  trigger: React.ReactNode;
  title: string;
  description?: string;
  children: React.ReactNode;
  /** Controlled use (the board's quick-add); otherwise it keeps its own state. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  wide?: boolean;
};

/**
 * An accessible modal (Radix: focus trapped and returned, Escape and the
 * close button close it, the title names it). "New …" forms open in one, so
 * a page shows its list first and the form only on demand.
 */
export function Dialog({ trigger, title, description, children, open: controlled, onOpenChange, wide }: Props) {
  const t = useT();
  const [own, setOwn] = useState(false);
  const open = controlled ?? own;
  const setOpen = (next: boolean) => {
    setOwn(next);
    onOpenChange?.(next);
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-zinc-950/50" />
        <RadixDialog.Content
          {...(description ? {} : { "aria-describedby": undefined })}
          className={cn(
            "fixed inset-x-0 bottom-0 z-50 max-h-[92dvh] overflow-y-auto rounded-t-xl border border-zinc-200 bg-white p-5 shadow-xl focus:outline-none sm:inset-auto sm:top-1/2 sm:left-1/2 sm:w-[calc(100vw-2rem)] sm:-translate-x-1/2 sm:-translate-y-1/2 sm:rounded-xl dark:border-zinc-800 dark:bg-zinc-900",
            wide ? "sm:max-w-2xl" : "sm:max-w-lg",
          )}
        >
          <div className="mb-4 flex items-start justify-between gap-3">
            <div>
              <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
              {description && <RadixDialog.Description className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</RadixDialog.Description>}
            </div>
            <RadixDialog.Close
              aria-label={t("common.close")}
              className="-mt-1 -mr-2 rounded-md p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            >
              <X aria-hidden className="size-5" />
            </RadixDialog.Close>
          </div>
          <CloseContext.Provider value={() => setOpen(false)}>{children}</CloseContext.Provider>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** A page's "New …" (or "Import") button and the dialog it opens; server pages pass the form as children. */
export function DialogButton({
  label,
  title,
  description,
  variant = "primary",
  wide,
  children,
}: {
  label: string;
  title?: string;
  description?: string;
  variant?: "primary" | "secondary";
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Dialog
      wide={wide}
      title={title ?? label}
      description={description}
      trigger={
        <button type="button" className={buttonClass(variant)}>
          {variant === "primary" && <Plus aria-hidden className="size-4" />}
          {label}
        </button>
      }
    >
      {children}
    </Dialog>
  );
}
