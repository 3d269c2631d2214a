"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionResult } from "@/lib/actions/define-action";
import { signInAction, signUpAction } from "../actions";

export function AuthForm({
  mode,
  invitation,
  callbackUrl,
  inviteOrgName,
}: {
  mode: "sign-in" | "sign-up";
  invitation?: string;
  callbackUrl?: string;
  inviteOrgName?: string;
}) {
  const [state, formAction] = useActionState<ActionResult | null, FormData>(mode === "sign-up" ? signUpAction : signInAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  const isSignUp = mode === "sign-up";
  return (
    <form action={formAction} className="flex flex-col gap-4 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm" noValidate>
      <h1 className="text-xl font-semibold">{isSignUp ? "Create your account" : "Sign in to Toolgate"}</h1>
      {inviteOrgName ? <p className="text-sm text-zinc-600">You were invited to join {inviteOrgName}.</p> : null}
      {state && !state.ok ? <FormMessage tone="error">{state.error}</FormMessage> : null}
      {isSignUp ? (
        <Field id="name" label="Your name" isOptional errors={errors?.name}>
          {(control) => <Input name="name" autoComplete="name" defaultValue={values?.name} {...control} />}
        </Field>
      ) : null}
      <Field id="email" label="Email" errors={errors?.email}>
        {(control) => <Input name="email" type="email" autoComplete="email" required defaultValue={values?.email} {...control} />}
      </Field>
      <Field id="password" label="Password" hint={isSignUp ? "At least 10 characters." : undefined} errors={errors?.password}>
        {(control) => <Input name="password" type="password" autoComplete={isSignUp ? "new-password" : "current-password"} required {...control} />}
      </Field>
      {isSignUp && !invitation ? (
        <Field id="organization" label="Organisation name" isOptional hint="Your team's workspace. You can invite others later." errors={errors?.organization}>
          {(control) => <Input name="organization" autoComplete="organization" defaultValue={values?.organization} {...control} />}
        </Field>
      ) : null}
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <SubmitButton pendingLabel={isSignUp ? "Creating account…" : "Signing in…"}>{isSignUp ? "Create account" : "Sign in"}</SubmitButton>
      <p className="text-sm text-zinc-600">
        {isSignUp ? "Already have an account? " : "New to Toolgate? "}
        <Link
          className="font-medium text-indigo-600 hover:underline"
          href={
            isSignUp
              ? `/sign-in${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`
              : `/sign-up${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`
          }
        >
          {isSignUp ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
