import * as z from 'zod/mini';

/** The sign-in form: the same rules the API applies to `POST /auth/login`, checked before sending. */
export const signInSchema = z.object({
  org: z
    .string()
    .check(
      z.minLength(1, 'Enter your organisation'),
      z.regex(/^[a-z0-9][a-z0-9-]*$/, 'Lower-case letters, digits and dashes'),
    ),
  email: z.string().check(z.minLength(1, 'Enter your email'), z.email('Enter a valid email address')),
  password: z.string().check(z.minLength(1, 'Enter your password')),
});

export type SignInForm = z.infer<typeof signInSchema>;

/** Where to go after signing in: only a path inside the console, never another site (open redirect). */
export function safeRedirect(target: unknown): string {
  if (
    typeof target !== 'string' ||
    !target.startsWith('/') ||
    target.startsWith('//') ||
    target.startsWith('/\\')
  ) {
    return '/';
  }
  return target.startsWith('/login') ? '/' : target;
}
