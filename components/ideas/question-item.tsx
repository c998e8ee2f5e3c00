"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/actions/validated-action";
import type { QuestionView } from "@/lib/ideas/schemas";
import { Button } from "@/components/ui/button";
import { FormMessage, TextAreaField } from "@/components/ui/field";
import { Badge } from "@/components/ui/table";
import { useT } from "@/lib/i18n/client";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One question: an article named by the question text (so a test can find it
 * with getByRole("article", { name })), an answer box with "Answer" and a
 * "Skip" button. Read-only once the idea is finished.
 */
export function QuestionItem({
  question,
  ideaId,
  answerAction,
  skipAction,
  readOnly,
}: {
  question: QuestionView;
  ideaId: string;
  answerAction: Action;
  skipAction: Action;
  readOnly: boolean;
}) {
  const t = useT();
  const headingId = useId();
  const [answerState, answer, answering] = useActionState(answerAction, {});
  const [skipState, skip, skipping] = useActionState(skipAction, {});
  const statusLabel = t(`idea.questions.${question.status}`);
  return (
    <article aria-labelledby={headingId} className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <div className="flex items-start justify-between gap-3">
        <h3 id={headingId} className="text-sm font-medium whitespace-pre-wrap">
          {question.question}
        </h3>
        <Badge tone={question.status === "answered" ? "accent" : "neutral"}>{statusLabel}</Badge>
      </div>
      {readOnly ? (
        question.answer && <p className="text-sm whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">{question.answer}</p>
      ) : (
        <>
          <form action={answer} className="space-y-2">
            <FormMessage state={answerState.error ? answerState : undefined} />
            <input type="hidden" name="id" value={question.id} />
            <input type="hidden" name="ideaId" value={ideaId} />
            <TextAreaField
              label={t("idea.questions.answer")}
              name="answer"
              rows={2}
              required
              defaultValue={answerState.values?.answer ?? question.answer ?? ""}
              error={answerState.fields?.answer}
              className="[&_textarea]:min-h-16 [&_textarea]:font-sans"
            />
            <div className="flex gap-2">
              <Button type="submit" disabled={answering}>
                {question.status === "answered" ? t("idea.questions.update") : t("idea.questions.submitAnswer")}
              </Button>
            </div>
          </form>
          {question.status !== "skipped" && (
            <form action={skip}>
              <FormMessage state={skipState.error ? skipState : undefined} />
              <input type="hidden" name="id" value={question.id} />
              <input type="hidden" name="ideaId" value={ideaId} />
              <Button type="submit" variant="ghost" disabled={skipping}>
                {t("idea.questions.skip")}
              </Button>
            </form>
          )}
        </>
      )}
    </article>
  );
}
