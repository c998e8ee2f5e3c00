"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { newPasswordSchema } from "@/lib/auth/passwords";
import { validatedAction } from "@/lib/actions/validated-action";
import { clientIp } from "@/lib/http/client-ip";
import { registerWithPassword } from "@/lib/sign-ups/register";

const schema = z.object({
  name: z.string().trim().min(1, { message: "errors.required" }).max(100, { message: "errors.tooLong" }),
  email: z.string().trim().pipe(z.email({ message: "errors.invalidEmail" }).max(320, { message: "errors.tooLong" })),
  password: newPasswordSchema,
  invite: z.string().trim().max(200, { message: "errors.tooLong" }).optional(),
});

export const signUp = validatedAction(
  schema,
  async (input) => {
    await registerWithPassword(input, clientIp(await headers()));
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    } catch (error) {
      if (!(error instanceof CredentialsSignin)) throw error;
      // The account exists; say so and let its owner sign in, rather than a bare "something went wrong".
      redirect("/sign-in?notice=account_created");
    }
    redirect("/dashboard");
  },
  { access: "public" },
);
