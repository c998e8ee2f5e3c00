"use client";
import { useActionState, useEffect, useState } from "react";
import type { RunStatus } from "@/lib/domain";
import type { ActionState } from "@/lib/actions/validated-action";
import { useLocale, useT } from "@/lib/i18n/client";
import { isTerminalStatus, type EndData, type UsageData } from "@/lib/runs/wire";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FramePainter } from "./frame-painter";
import { LogLoader } from "./log-loader";
import { LogStore } from "./log-store";
import { LogView, type LogHeight } from "./log-view";
import type { RunViewRun } from "./live-run";
import { connectRunStream, type RunStreamHandle, type StreamState } from "./run-stream";


/** Shortest time between two renders of new output. */
const REPAINT_MS = 80;

type Totals = Omit<UsageData, "model" | "costUsd"> & { costUsd: number };

const STATUS_CLASS: Record<RunStatus, string> = {
  queued: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  running: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300",
  completed: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  failed: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300",
  cancelled: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
};

export function StatusBadge({ status, label, icon }: { status: RunStatus; label: string; icon?: React.ReactNode }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium", STATUS_CLASS[status])}>
      {status === "running" && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {icon}
      {label}
    </span>
  );
}

function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0");
  return h ? `${h}:${mm}:${String(sec).padStart(2, "0")}` : `${mm}:${String(sec).padStart(2, "0")}`;
}

/** A server action made with validatedAction; it gets the run id as form field `id`. */
export type RunAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The live view of one run: status, elapsed time, token and cost counters,
 * and its output, streamed from /api/runs/:id/events. Cancel and Retry show
 * only when the page passes their actions (Retry's redirects to the new run).
 */
export function RunView({
  run,
  cancelAction,
  retryAction,
  logHeight,
  embedded = false,
}: {
  run: RunViewRun;
  cancelAction?: RunAction;
  retryAction?: RunAction;
  logHeight?: LogHeight;
  /** Inside an attempt, whose own header already shows the status: the badge stays for screen readers only. */
  embedded?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [store] = useState(() => new LogStore(20));
  const [painter] = useState(() => new FramePainter(REPAINT_MS));
  const [loader] = useState(() => new LogLoader(run.id, store, () => painter.request()));
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<RunStatus>(run.status);
  const [exit, setExit] = useState({ exitCode: run.exitCode, error: run.error });
  const [times, setTimes] = useState({ startedAt: run.startedAt, completedAt: run.completedAt });
  const [totals, setTotals] = useState<Totals>({
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    cacheReadTokens: run.cacheReadTokens,
    cacheWriteTokens: run.cacheWriteTokens,
    costUsd: run.costUsd,
  });
  const [connection, setConnection] = useState<StreamState>("connecting");
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    painter.listen(() => setVersion((v) => v + 1));
    return () => painter.stop();
  }, [painter]);

  useEffect(() => {
    // The window's first page says how long the log is; the live stream starts after it.
    let handle: RunStreamHandle | null = null;
    let closed = false;
    void loader.ready.then((lastSeq) => {
      if (closed) return;
      if (lastSeq === null) return setConnection("failed");
      handle = connectRunStream(
      `/api/runs/${run.id}/events`,
      {
        onEvents(events) {
          // New lines join the window when it reaches the end; either way the log got longer.
          store.appendLive(events, loader.focus);
          painter.request();
          for (const e of events) {
            if (e.event === "status") {
              setStatus(e.data.status);
              const at = e.data.at ?? new Date().toISOString();
              if (e.data.status === "running") setTimes((x) => ({ startedAt: x.startedAt ?? at, completedAt: null }));
              else if (isTerminalStatus(e.data.status)) setTimes((x) => ({ ...x, completedAt: x.completedAt ?? at }));
              if (e.data.exitCode !== undefined || e.data.error !== undefined)
                setExit({ exitCode: e.data.exitCode ?? null, error: e.data.error ?? null });
            } else if (e.event === "usage") {
              setTotals({ ...e.data, costUsd: e.data.costUsd ?? 0 });
            }
          }
        },
        onEnd(data: EndData) {
          setStatus(data.status);
          setExit({ exitCode: data.exitCode, error: data.error });
          setTimes((x) => ({ startedAt: data.startedAt ?? x.startedAt, completedAt: data.completedAt ?? x.completedAt }));
          // The run row has the final totals (usage may be recorded only at exit).
          setTotals((x) =>
            data.inputTokens + data.outputTokens > 0 || data.costUsd > 0
              ? {
                  inputTokens: data.inputTokens,
                  outputTokens: data.outputTokens,
                  cacheReadTokens: data.cacheReadTokens,
                  cacheWriteTokens: data.cacheWriteTokens,
                  costUsd: data.costUsd,
                }
              : x,
          );
        },
        onState: setConnection,
      },
      { after: lastSeq },
    );
    });
    return () => {
      closed = true;
      handle?.close();
    };
  }, [run.id, store, loader, painter]);

  const running = status === "running" || status === "queued";
  useEffect(() => {
    if (status !== "running") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status]);

  const started = times.startedAt ? Date.parse(times.startedAt) : null;
  const ended = times.completedAt ? Date.parse(times.completedAt) : null;
  const elapsed = started === null ? null : (ended ?? (status === "running" ? now : started)) - started;

  const numbers = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

  const connectionLabel =
    connection === "reconnecting" ? t("run.connection.reconnecting") : connection === "failed" ? t("run.connection.failed") : null;

  return (
    // data-* let end-to-end tests and the page benchmark see when the stream is done.
    <div className={embedded ? "space-y-2" : "space-y-4"} data-run-stream={connection} data-last-seq={store.total} data-version={version}>
      <div className={cn("flex flex-wrap items-center gap-y-3", embedded ? "gap-x-4 text-xs" : "gap-x-6")}>
        <div role="status" aria-live="polite" className="flex items-center gap-2">
          <span className={cn(embedded && "sr-only")}>
            <StatusBadge status={status} label={t(`run.status.${status}`)} />
          </span>
          {exit.exitCode !== null && !running && (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{t("run.exitCode", { code: exit.exitCode })}</span>
          )}
        </div>
        <dl className={cn("flex flex-wrap gap-y-1", embedded ? "gap-x-4 text-xs" : "gap-x-6 text-sm")}>
          <Stat label={t("run.elapsed")} value={elapsed === null ? "—" : formatElapsed(elapsed)} mono />
          <Stat label={t("run.tokens.input")} value={numbers.format(totals.inputTokens)} mono />
          <Stat label={t("run.tokens.output")} value={numbers.format(totals.outputTokens)} mono />
          {totals.cacheReadTokens + totals.cacheWriteTokens > 0 && (
            <Stat label={t("run.tokens.cache")} value={numbers.format(totals.cacheReadTokens + totals.cacheWriteTokens)} mono />
          )}
          <Stat label={t("run.cost")} value={money.format(totals.costUsd)} mono />
        </dl>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {connectionLabel && (
            <span role="status" className="text-xs text-amber-600 dark:text-amber-400">
              {connectionLabel}
            </span>
          )}
          <a
            className={embedded ? buttonClass("ghost", "px-2 py-1 text-xs") : buttonClass("secondary")}
            href={`/api/v1/runs/${run.id}/log?format=text`}
            download={`run-${run.id}.log`}
          >
            {t("run.download")}
          </a>
          <a className={buttonClass("ghost", embedded ? "px-2 py-1 text-xs" : undefined)} href={`/api/v1/runs/${run.id}/log`} download={`run-${run.id}.ndjson`}>
            {t("run.downloadJson")}
          </a>
          {cancelAction && running && <RunActionButton runId={run.id} action={cancelAction} label={t("run.cancel")} variant="danger" />}
          {retryAction && !running && <RunActionButton runId={run.id} action={retryAction} label={t("run.retry")} variant="primary" />}
        </div>
      </div>
      {exit.error && !running && (
        <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300">{exit.error}</p>
      )}
      <LogView store={store} loader={loader} runId={run.id} version={version} height={logHeight} emptyText={running ? t("run.waiting") : t("run.empty")} />
    </div>
  );
}

function RunActionButton({ runId, action, label, variant }: { runId: string; action: RunAction; label: string; variant: "primary" | "danger" }) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="id" value={runId} />
      <Button type="submit" variant={variant} disabled={pending}>
        {pending ? t("run.working") : label}
      </Button>
      {state.error && (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {state.error}
        </span>
      )}
    </form>
  );
}

function Stat({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      {/* The elapsed time ticks: the server's second and the browser's first may differ. */}
      <dd className={cn("font-medium", mono && "tabular-nums")} suppressHydrationWarning>
        {value}
      </dd>
    </div>
  );
}
