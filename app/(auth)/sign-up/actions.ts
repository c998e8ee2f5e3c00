"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { hashPassword, newPasswordSchema } from "@/lib/auth/passwords";
import { validatedAction } from "@/lib/actions/validated-action";
import { createUser } from "@/lib/users/users";
import { recordAudit } from "@/lib/audit/audit";
import { AppError } from "@/lib/errors";

const schema = z.object({
  name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }),
  email: z.string().trim().pipe(z.email({ message: "errors.invalidEmail" }).max(320, { message: "errors.tooLong" })),
  password: newPasswordSchema,
});

export const signUp = validatedAction(
  schema,
  async ({ name, email, password }) => {
    // Hash first, whether or not the email is taken, so both answers take as long.
    const passwordHash = await hashPassword(password);
    const user = await createUser({ name, email, passwordHash });
    if (!user) throw new AppError("conflict", "auth.error.signUpFailed");
    await recordAudit({ action: "auth.sign_up", actorId: user.id, targetUserId: user.id, detail: { role: user.role } });
    await signIn("credentials", { email, password, redirect: false });
    redirect("/dashboard");
  },
  { access: "public" },
);
