# The core IMAP flow with Python's imaplib, run by test/imap-python.test.ts. Prints one JSON object.
import imaplib
import json
import sys

host, port, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out = {}
imap = imaplib.IMAP4(host, port)
out["capabilities"] = list(imap.capabilities)
out["login"] = imap.login(user, "any password")[0]
out["list"] = [line.decode() for line in imap.list()[1]]
raw = b"From: py@example.com\r\nTo: someone@example.com\r\nSubject: from python\r\n\r\nline one\r\nline two\r\n"
typ, data = imap.append("INBOX", "(\\Flagged)", imaplib.Time2Internaldate(1700000000), raw)
out["append"] = [typ, data[0].decode()]
typ, data = imap.select("INBOX")
out["select"] = [typ, data[0].decode()]
out["recent"] = [count.decode() for count in imap.response("RECENT")[1]]
out["search_new"] = imap.search(None, "NEW")[1][0].decode()
out["search"] = imap.search(None, "SUBJECT", '"from python"')[1][0].decode()
out["search_charset"] = imap.search("UTF-8", "FLAGGED")[1][0].decode()
seq = out["search"].split()[-1]
typ, data = imap.fetch(seq, "(UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY[TEXT])")
out["fetch_text"] = data[1][1].decode() if isinstance(data[1], tuple) else data[0][1].decode()
out["fetch_all"] = [part[1].decode() if isinstance(part, tuple) else part.decode() for part in data]
out["flags_after_fetch"] = imap.fetch(seq, "(FLAGS)")[1][0].decode()
out["store"] = imap.store(seq, "+FLAGS", "(\\Deleted)")[1][0].decode()
out["copy"] = imap.copy(seq, "Trash")[0]
out["uid_search"] = imap.uid("SEARCH", None, "ALL")[1][0].decode()
out["expunge"] = [item.decode() for item in imap.expunge()[1] if item]
out["status"] = imap.status("Trash", "(MESSAGES UIDNEXT)")[1][0].decode()
out["logout"] = imap.logout()[0]
print(json.dumps(out))
