import "server-only";
import NextAuth from "next-auth";
import { cache } from "react";
import { buildAuthConfig } from "./config";

// The lazy form builds the configuration on the first request, never at import time: `next build`
// imports this module in workers where neither the database nor the secrets may be opened.
const nextAuth = NextAuth(async () => buildAuthConfig());

export const { handlers, signIn, signOut } = nextAuth;
export const auth = cache(nextAuth.auth);
