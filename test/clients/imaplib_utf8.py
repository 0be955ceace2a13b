# imaplib in its UTF-8 mode (ENABLE UTF8=ACCEPT, RFC 6855): mailbox names go out as UTF-8 and come
# back as UTF-8. Its APPEND in that mode is left out: imaplib puts `UTF8 (` inside the literal
# itself rather than around a literal8, so no server can read it as RFC 6855 means.
import imaplib
import json
import sys

host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
client = imaplib.IMAP4(host, port)
client.login(user, 'any')
out = {}
typ, _ = client.enable('UTF8=ACCEPT')
out['enable'] = [typ, [e.decode() for e in client.untagged_responses.get('ENABLED', [])]]
out['create'] = client.create('"Übersicht"')[0]
typ, data = client.list('""', '"Ü*"')
out['list'] = [d.decode('utf-8') for d in data if d]
typ, data = client.select('"Übersicht"')
out['select'] = [typ, data[0].decode()]
try:
    client._simple_command('SEARCH', 'CHARSET', 'UTF-8', 'ALL')
    out['search_charset_refused'] = False
except imaplib.IMAP4.error:
    out['search_charset_refused'] = True
client.logout()
print(json.dumps(out))
