# Python imaplib against IMAP fault rules, run by test/faults-imap.test.ts. Prints one JSON object:
# what APPEND answered (a rule gives NO [OVERQUOTA]) and how SELECT ended (a rule gives BYE).
import imaplib
import json
import sys

host, port = sys.argv[1], int(sys.argv[2])
out = {}
imap = imaplib.IMAP4(host, port)
out["login"] = imap.login("py@example.com", "any")[0]
typ, data = imap.append("INBOX", None, None, b"Subject: quota\r\n\r\nbody\r\n")
out["append"] = [typ, data[0].decode()]
try:
    imap.select("INBOX")
    out["select"] = "OK"
except imaplib.IMAP4.abort as error:
    out["select_abort"] = str(error)
print(json.dumps(out))
