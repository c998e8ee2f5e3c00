import { requireUser } from "@/lib/auth/current-user";
import { Sidebar } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { signOutAction } from "./sign-out-action";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <Sidebar isAdmin={user.role === "admin"} />
      <div className="md:pl-56">
        <header className="flex h-14 items-center justify-end border-b border-zinc-200 bg-white/80 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
          <UserMenu name={user.name} email={user.email} role={user.role} signOut={signOutAction} />
        </header>
        <main className="mx-auto max-w-6xl px-4 py-8 md:px-8">{children}</main>
      </div>
    </div>
  );
}
