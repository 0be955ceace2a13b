"""Real Python clients for the sessions test: smtplib with AUTH, imaplib with ID, poplib with DELE+QUIT.

argv[1] is JSON: {"host": h, "smtp": n, "imap": n, "pop3": n, "password": p}. Prints JSON with what
each client saw.
"""
import imaplib
import json
import poplib
import smtplib
import sys

spec = json.loads(sys.argv[1])
host, password = spec["host"], spec["password"]
out = {}

smtp = smtplib.SMTP(host, spec["smtp"])
smtp.ehlo("py-smtplib.test")
smtp.login("py-sender", password)
smtp.sendmail("py@example.test", ["inbox@example.test"], b"Subject: from smtplib\r\n\r\nhello from python\r\n")
smtp.quit()

imaplib.Commands["ID"] = ("NONAUTH", "AUTH", "SELECTED")
imap = imaplib.IMAP4(host, spec["imap"])
imap._simple_command("ID", '("name" "py-imaplib" "version" "3.x")')
imap.login("py-imap", password)
imap.select("INBOX")
typ, data = imap.fetch("1", "(BODY.PEEK[])")
out["imapFetch"] = typ
imap.store("1", "+FLAGS", "(\\Flagged)")
imap.logout()

pop = poplib.POP3(host, spec["pop3"])
pop.user("py-pop")
pop.pass_(password)
count, _ = pop.stat()
pop.retr(count)
pop.dele(count)
pop.quit()
out["popCount"] = count
print(json.dumps(out))
