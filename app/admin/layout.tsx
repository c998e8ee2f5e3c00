import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/current-user";
import { AppShell } from "@/components/shell/app-shell";
import { signOutAction } from "@/app/(app)/sign-out-action";
import { AdminNav } from "./_components/admin-nav";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** Admins only: everyone else, signed in or not, gets the ordinary 404 page. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireAdmin();
  return (
    <AppShell user={user} signOut={signOutAction}>
      <AdminNav />
      {children}
    </AppShell>
  );
}
