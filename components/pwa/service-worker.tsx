"use client";
import { useEffect } from "react";

/**
 * Registers `/sw.js` (public/) on every page: it shows Web Push notifications with every tab
 * closed and, with the manifest, makes the app installable. It is a same-origin script, which
 * the CSP's `worker-src 'self'` allows.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => console.warn("Service worker not registered:", error));
  }, []);
  return null;
}
