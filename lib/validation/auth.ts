import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }).max(254, { error: "Email is too long." }));

export const signUpSchema = z.object({
  name: z.string().trim().max(100, { error: "Name is too long." }).optional().default(""),
  email: emailSchema,
  password: z.string({ error: "Choose a password." }).max(PASSWORD_MAX_LENGTH, { error: "Password is too long." }),
  invitation: z.string().optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(PASSWORD_MAX_LENGTH),
  callbackUrl: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;
