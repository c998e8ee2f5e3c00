"use client";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { currentPushState, subscribeToPush, unsubscribeFromPush, type PushState } from "@/components/pwa/push";
import { useT } from "@/lib/i18n/client";
import type { NotificationView } from "@/lib/notifications/schemas";

const POLL_MS = 3_000;
const MENU_BUTTON = "mt-1 w-full rounded px-2 py-2 text-left text-xs text-indigo-600 hover:bg-zinc-100 disabled:opacity-50 dark:text-indigo-400 dark:hover:bg-zinc-800";
type List = { data: NotificationView[]; unread: number };

/**
 * The bell in the top bar: unread count, the newest notifications, "mark all read". Every open
 * tab polls, so a run that ends shows in all of them within seconds. "Allow notifications"
 * subscribes this browser to Web Push (the service worker shows them with every tab closed);
 * where the browser cannot subscribe, a tab in the background raises them itself.
 */
export function NotificationBell() {
  const t = useT();
  const [list, setList] = useState<List>({ data: [], unread: 0 });
  const [open, setOpen] = useState(false);
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  const [push, setPush] = useState<PushState | "working">("unsupported");
  const [pushError, setPushError] = useState<string | null>(null);
  const pushOn = useRef(false);
  const seen = useRef<Set<string> | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const response = await fetch("/api/v1/notifications?limit=10", { cache: "no-store" }).catch(() => null);
    if (!response?.ok) return;
    const next = (await response.json()) as List;
    const fresh = seen.current ? next.data.filter((n) => !n.read && !seen.current!.has(n.id)) : [];
    seen.current = new Set(next.data.map((n) => n.id));
    // With Web Push on, the service worker shows them (once, even with this tab open).
    if (fresh.length && document.hidden && !pushOn.current && "Notification" in window && Notification.permission === "granted") {
      for (const n of fresh) new Notification(n.title, { tag: n.id });
    }
    setList(next);
    setPermission("Notification" in window ? Notification.permission : "unsupported");
  }, []);

  useEffect(() => {
    void currentPushState().then((state) => {
      pushOn.current = state === "on";
      setPush(state);
    });
  }, []);

  const allow = async () => {
    setPush("working");
    setPushError(null);
    try {
      await subscribeToPush();
      pushOn.current = true;
      setPush("on");
    } catch (error) {
      // No push service here (or permission refused): the tab still raises them while open.
      setPushError((error as Error).message || String(error));
      setPush("off");
    }
    setPermission("Notification" in window ? Notification.permission : "unsupported");
  };

  const stopPush = async () => {
    setPush("working");
    await unsubscribeFromPush().catch(() => {});
    pushOn.current = false;
    setPush("off");
  };

  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const markAllRead = async () => {
    const response = await fetch("/api/v1/notifications/read", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    if (response.ok) setList((await response.json()) as List);
  };

  return (
    <div ref={ref} className="relative mr-3">
      <button
        type="button"
        aria-expanded={open}
        aria-label={list.unread ? t("notifications.labelUnread", { count: list.unread }) : t("notifications.label")}
        onClick={() => setOpen(!open)}
        className="relative rounded-full p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8">
          <path d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0" />
        </svg>
        {list.unread > 0 && (
          <span data-testid="unread-count" className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white">
            {list.unread}
          </span>
        )}
      </button>
      {open && (
        <div role="dialog" aria-label={t("notifications.title")} className="absolute right-0 z-40 mt-2 w-80 rounded-md border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-800 dark:bg-zinc-900">
          <div className="flex items-center justify-between px-2 py-1">
            <span className="text-sm font-semibold">{t("notifications.title")}</span>
            {list.unread > 0 && (
              <button type="button" onClick={() => void markAllRead()} className="text-xs text-indigo-600 hover:underline dark:text-indigo-400">
                {t("notifications.markAllRead")}
              </button>
            )}
          </div>
          {list.data.length === 0 ? (
            <p className="px-2 py-3 text-sm text-zinc-500 dark:text-zinc-400">{t("notifications.empty")}</p>
          ) : (
            <ul className="max-h-96 overflow-y-auto">
              {list.data.map((n) => (
                <li key={n.id}>
                  <Link href={n.link ?? "#"} onClick={() => setOpen(false)} className={`block rounded px-2 py-2 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${n.read ? "text-zinc-500 dark:text-zinc-400" : "font-medium"}`}>
                    {n.title}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {push === "unsupported"
            ? permission === "default" && (
                <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)} className={MENU_BUTTON}>
                  {t("notifications.allowSystem")}
                </button>
              )
            : push === "on"
              ? (
                  <button type="button" onClick={() => void stopPush()} className={MENU_BUTTON}>
                    {t("notifications.pushStop")}
                  </button>
                )
              : permission !== "denied" && (
                  <button type="button" disabled={push === "working"} onClick={() => void allow()} className={MENU_BUTTON}>
                    {t("notifications.allowPush")}
                  </button>
                )}
          {push === "on" && <p className="px-2 pb-1 text-xs text-zinc-500 dark:text-zinc-400">{t("notifications.pushOn")}</p>}
          {pushError && (
            <p role="status" className="px-2 pb-1 text-xs text-amber-700 dark:text-amber-400">
              {t("notifications.pushFailed", { reason: pushError })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
