import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/current-user";

/** /admin itself opens the user list. */
export default async function AdminIndex() {
  await requireAdmin();
  redirect("/admin/users");
}
