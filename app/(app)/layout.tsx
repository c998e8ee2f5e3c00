import { requireUser } from "@/lib/auth/current-user";
import { AppShell } from "@/components/shell/app-shell";
import { signOutAction } from "./sign-out-action";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} signOut={signOutAction}>
      {children}
    </AppShell>
  );
}
