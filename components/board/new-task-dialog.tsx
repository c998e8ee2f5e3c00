"use client";
import { Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useT } from "@/lib/i18n/client";
import { NewTaskForm } from "./new-task-form";

type Props = React.ComponentProps<typeof NewTaskForm>;

/** The header's "New task": the full form (type, priority, agent, tags) in a dialog, on demand. */
export function NewTaskDialog(props: Props) {
  const t = useT();
  return (
    <Dialog
      wide
      title={t("board.new.title")}
      trigger={
        <Button type="button">
          <Plus aria-hidden className="size-4" />
          {t("board.new.title")}
        </Button>
      }
    >
      <NewTaskForm {...props} />
    </Dialog>
  );
}
