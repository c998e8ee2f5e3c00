import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import type {} from "next-auth/jwt";
import { headers } from "next/headers";
import { authSecret, config } from "@/lib/config";
import { clientIp } from "@/lib/http/client-ip";
import { findOrCreateGoogleUser } from "@/lib/users/users";
import { getSavedPreferences } from "@/lib/users/preferences";
import { setPreferenceCookies } from "@/lib/i18n/server";
import { authenticateWithPassword } from "./password-sign-in";
import { createSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

declare module "next-auth/jwt" {
  interface JWT {
    /** Our sessions row; checked on every request so it can be revoked. */
    sid?: string;
  }
}

async function requestMeta() {
  try {
    const h = await headers();
    return { ip: clientIp(h), userAgent: h.get("user-agent") };
  } catch {
    return { ip: "unknown", userAgent: null };
  }
}

/** A new browser picks up the language and theme the user saved in /settings. */
async function restorePreferences(userId: string) {
  try {
    await setPreferenceCookies(await getSavedPreferences(userId));
  } catch {
    // Outside a request that can set cookies: the defaults will do.
  }
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const id = await authenticateWithPassword(credentials, clientIp(request.headers));
        return { id };
      },
    }),
  ];
  const google = config().google;
  if (google) {
    list.push(
      Google({
        clientId: google.clientId,
        clientSecret: google.clientSecret,
        // Tests point this at an OpenID Connect stand-in on loopback.
        ...(google.issuer ? { issuer: google.issuer } : {}),
      }),
    );
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || (error.cause as { err?: unknown })?.err instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "google") return true;
      const result = await findOrCreateGoogleUser({
        sub: account.providerAccountId,
        email: String(profile?.email ?? ""),
        emailVerified: profile?.email_verified === true,
        name: (profile?.name as string | undefined) ?? null,
        image: (profile?.picture as string | undefined) ?? null,
      });
      if (!result.ok) return `/sign-in?error=${result.code}`;
      user.id = result.userId; // from here on, our id rather than Google's
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await createSession(user.id, await requestMeta());
        await restorePreferences(user.id);
        // Keep the cookie small and free of personal data; pages read the database.
        delete token.name;
        delete token.email;
        delete token.picture;
      }
      return token;
    },
    // Only the session id reaches our code; getCurrentUser() looks it up.
    session({ session, token }) {
      return Object.assign(session, { sid: token.sid });
    },
  },
  events: {
    async signOut(message) {
      if ("token" in message && message.token?.sid) await revokeSession(message.token.sid);
    },
  },
}));
