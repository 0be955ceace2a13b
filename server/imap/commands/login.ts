// LOGIN (RFC 3501 6.2.3); the rule itself is in login-rule.ts, shared with AUTHENTICATE.
import { defineCommand } from '../context.ts';
import { logIn } from './login-rule.ts';

export interface LoginCommand {
  name: 'LOGIN';
  user: string;
  password: string;
}

export const login = defineCommand({
  name: 'LOGIN',
  access: 'not-authenticated',
  parse(s): LoginCommand {
    s.sp();
    const user = s.astring();
    s.sp();
    return { name: 'LOGIN', user, password: s.astring() };
  },
  handle: (ctx, command) => logIn(ctx, command.user, command.password),
});
