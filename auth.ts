import NextAuth, { CredentialsSignin, type AuthError } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { endSession } from '@/server/auth/sessions';
import { signInWithPassword } from '@/server/auth/sign-in';
import { logger } from '@/server/lib/logger';
import { CLIENT_ADDRESS_HEADER } from '@/server/web/edge';

declare module 'next-auth' {
  interface Session {
    userId: string;
    sessionId: string;
    sessionVersion: number;
  }
  interface User {
    sessionId?: string;
    sessionVersion?: number;
  }
}

/** Too many attempts (issue 13): the page says to wait, the HTTP endpoint answers 429. */
export class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * Credentials sign-in with JWT sessions. The token carries the user id and its session (id and
 * version); tenant and role are re-read on every request (actorForSession), so a removed user,
 * a changed role, a sign-out or a password change applies at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in' },
  logger: {
    // A wrong password is an everyday event, not a server error with a stack trace.
    error: (error) =>
      (error as AuthError).type === 'CredentialsSignin' ? logger.debug('sign-in refused') : logger.error({ err: error }, 'auth error'),
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const address = request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
        const result = await signInWithPassword({ email: credentials?.email, password: credentials?.password, address }, new Date());
        if (result.outcome === 'throttled') throw new ThrottledSignIn(result.retryAfterSeconds);
        if (result.outcome === 'refused') throw new CredentialsSignin();
        return { id: result.userId, sessionId: result.sessionId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id, sid: user.sessionId, sv: user.sessionVersion };
      return { sub: token.sub, sid: token.sid, sv: token.sv };
    },
    session({ session, token }) {
      return {
        expires: session.expires,
        userId: token.sub ?? '',
        sessionId: typeof token.sid === 'string' ? token.sid : '',
        sessionVersion: typeof token.sv === 'number' ? token.sv : 0,
      } as typeof session;
    },
  },
  events: {
    async signOut(message) {
      if ('token' in message && message.token)
        await endSession({ userId: message.token.sub, sessionId: typeof message.token.sid === 'string' ? message.token.sid : undefined });
    },
  },
});
