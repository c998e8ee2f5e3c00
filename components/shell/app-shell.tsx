import type { PublicUser } from "@/lib/users/columns";
import { getT } from "@/lib/i18n/server";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";
import { NotificationBell } from "./notification-bell";
import { PastDueBanner } from "@/components/billing/past-due-banner";
import { SandboxBanner } from "./sandbox-banner";

/**
 * The signed-in frame shared by the product and the admin console: side
 * navigation, a top bar with the account menu, and the page itself.
 * `signOut` is the server action the account menu submits.
 */
export async function AppShell({
  user,
  signOut,
  children,
}: {
  user: Pick<PublicUser, "name" | "email" | "role">;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  const t = await getT();
  return (
    <div className="min-h-screen">
      {/* The first thing Tab reaches: past the navigation, straight to the page. */}
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow-lg dark:focus:bg-zinc-900 dark:focus:text-indigo-300"
      >
        {t("nav.skipToContent")}
      </a>
      <Sidebar isAdmin={user.role === "admin"} />
      <div className="md:pl-56">
        <header className="flex h-14 items-center justify-end border-b border-zinc-200 bg-white/80 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
          <NotificationBell />
          <UserMenu name={user.name} email={user.email} role={user.role} signOut={signOut} />
        </header>
        {user.role === "admin" && <SandboxBanner />}
        <PastDueBanner />
        <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none md:px-8">{children}</main>
      </div>
    </div>
  );
}
