# ESORT, SEARCHRES and PREVIEW as a Python imaplib program uses them (imaplib passes the arguments
# through and keeps untagged ESEARCH/FETCH data), run by test/imap-python-search.test.ts.
# Prints one JSON object.
import imaplib
import json
import sys

host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = {}
imap = imaplib.IMAP4(host, port)
out["capabilities"] = list(imap.capabilities)
imap.login(user, "any password")
for subject, body in [("Charlie", ["third in line"]), ("alpha", ["> quoted", "first reply"]), ("Bravo", ["middle one"])]:
    lines = ["From: py@example.com", "To: someone@example.com", f"Subject: {subject}", "", *body, ""]
    imap.append("INBOX", None, None, "\r\n".join(lines).encode())
imap.select("INBOX")


def esearch(name, *args, uid=False):
    typ, data = imap.uid(name, *args) if uid else imap._simple_command(name, *args)
    return imap._untagged_response(typ, data, "ESEARCH")[1][-1].decode()


out["esort"] = esearch("SORT", "RETURN", "(MIN MAX ALL COUNT)", "(SUBJECT)", "UTF-8", "ALL")
out["uid_esort"] = esearch("SORT", "RETURN", "(ALL)", "(REVERSE SUBJECT)", "UTF-8", "ALL", uid=True)
typ, data = imap.search(None, "RETURN", "(SAVE)", "OR", "SUBJECT", "alpha", "SUBJECT", "bravo")
out["save"] = [typ, data]
out["fetch_saved"] = [line.decode() for line in imap.fetch("$", "(UID FLAGS)")[1]]
out["store_saved"] = [line.decode() for line in imap.store("$", "+FLAGS", "(\\Flagged)")[1]]
out["search_saved"] = imap.search(None, "NOT", "$")[1][0].decode()
out["preview"] = [line.decode() for line in imap.fetch("1:*", "(PREVIEW)")[1]]
out["preview_lazy"] = [line.decode() for line in imap.uid("FETCH", "1:*", "(PREVIEW (LAZY))")[1]]
imap.logout()
print(json.dumps(out))
