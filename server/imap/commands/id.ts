// ID (RFC 2971): the client's fields are ignored; the server names itself.
import { VERSION } from '../../version.ts';
import { defineCommand } from '../context.ts';
import { bad } from '../errors.ts';

export const id = defineCommand({
  name: 'ID',
  access: 'any',
  parse(s) {
    s.sp();
    if (s.word('NIL')) return { name: 'ID' as const, parameters: null };
    const flat = s.list(() => s.nstring());
    if (flat.length % 2) throw bad('ID takes field/value pairs');
    const parameters: Array<[string, string | null]> = [];
    for (let i = 0; i < flat.length; i += 2) parameters.push([flat[i] ?? '', flat[i + 1]]);
    return { name: 'ID' as const, parameters };
  },
  handle(ctx) {
    ctx.untagged(`ID ("name" "mailsandbox" "version" "${VERSION}")`);
  },
});
