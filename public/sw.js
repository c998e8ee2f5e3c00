// Switchboard's service worker: shows Web Push notifications while every tab is closed, and
// opens the page a notification links to when it is clicked. It caches nothing (the app needs
// its server anyway). A push's payload is `{ title, link }` (lib/push/send.ts).
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("push", (event) => {
  let message = { title: "Switchboard", link: "/" };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // no payload, or not ours: the generic notice above
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      icon: "/icon-192.png",
      tag: message.link || undefined,
      data: { link: message.link },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Only a page of this app: the link is a path, resolved against our own origin.
  const target = new URL(event.notification.data?.link || "/", self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === target.pathname);
      return open ? open.focus() : self.clients.openWindow(target.href);
    }),
  );
});
