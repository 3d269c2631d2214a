/**
 * Auth.js v5: email + password through the Credentials provider (which requires JWT sessions),
 * GitHub OAuth when configured. The JWT carries only the user id; roles are read from the
 * membership table on every request (lib/auth/session.ts), because claims go stale.
 */
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getDb } from "@/lib/db/client";
import { getEnv, getSecrets } from "@/lib/env";
import { authenticateWithPassword } from "./sign-in";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
export class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

export async function buildAuthConfig(): Promise<NextAuthConfig> {
  const env = getEnv();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const ip = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "local";
        const outcome = await authenticateWithPassword({ email: String(credentials.email ?? ""), password: String(credentials.password ?? ""), ip });
        if (outcome.ok) return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
        throw outcome.reason === "rate_limited" ? new TooManyAttempts() : new InvalidCredentials();
      },
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  return {
    adapter: PrismaAdapter(db as never),
    providers,
    secret: getSecrets().authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
    pages: { signIn: "/sign-in" },
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
