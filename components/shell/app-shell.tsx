import type { PublicUser } from "@/lib/users/columns";
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
export function AppShell({
  user,
  signOut,
  children,
}: {
  user: Pick<PublicUser, "name" | "email" | "role">;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <Sidebar isAdmin={user.role === "admin"} />
      <div className="md:pl-56">
        <header className="flex h-14 items-center justify-end border-b border-zinc-200 bg-white/80 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
          <NotificationBell />
          <UserMenu name={user.name} email={user.email} role={user.role} signOut={signOut} />
        </header>
        {user.role === "admin" && <SandboxBanner />}
        <PastDueBanner />
        <main className="mx-auto max-w-6xl px-4 py-8 md:px-8">{children}</main>
      </div>
    </div>
  );
}
