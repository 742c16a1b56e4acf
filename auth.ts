import NextAuth, { CredentialsSignin, type AuthError } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { logger } from '@/server/lib/logger';
import { verifyCredentials } from '@/server/users/service';

declare module 'next-auth' {
  interface Session {
    userId: string;
  }
}

/**
 * Credentials sign-in with JWT sessions. The session carries only the user id: tenant and role
 * are re-read on every request (actorForUser), so a removed user or a changed role applies at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in' },
  logger: {
    // A wrong password is an everyday event, not a server error with a stack trace.
    error: (error) =>
      (error as AuthError).type === 'CredentialsSignin' ? logger.info('sign-in refused') : logger.error({ err: error }, 'auth error'),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const email = typeof credentials?.email === 'string' ? credentials.email : '';
        const password = typeof credentials?.password === 'string' ? credentials.password : '';
        const found = await verifyCredentials(email, password);
        if (!found) throw new CredentialsSignin();
        return { id: found.userId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      return user?.id ? { sub: user.id } : { sub: token.sub };
    },
    session({ session, token }) {
      return { expires: session.expires, userId: token.sub ?? '' } as typeof session;
    },
  },
});
