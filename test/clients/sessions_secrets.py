"""Python clients logging in every way they can, for the test that no password is ever shown.

argv[1] is JSON: {"host": h, "smtp": n, "imap": n, "pop3": n, "passwords": {user: password}}. Each
user name says how it logs in.
"""
import imaplib
import json
import poplib
import smtplib
import sys

spec = json.loads(sys.argv[1])
host, passwords = spec["host"], spec["passwords"]


def smtp_auth(user, mechanism, initial_response_ok):
    smtp = smtplib.SMTP(host, spec["smtp"])
    smtp.ehlo("py-secrets.test")
    smtp.user, smtp.password = user, passwords[user]
    smtp.auth(mechanism, getattr(smtp, "auth_" + mechanism.lower().replace("-", "_")), initial_response_ok=initial_response_ok)
    smtp.quit()


smtp_auth("smtp-login-continued", "LOGIN", False)
smtp_auth("smtp-login-initial", "LOGIN", True)
smtp_auth("smtp-plain-continued", "PLAIN", False)
smtp_auth("smtp-cram", "CRAM-MD5", False)

imap = imaplib.IMAP4(host, spec["imap"])
imap.login("imap-login", passwords["imap-login"])
imap.logout()
imap = imaplib.IMAP4(host, spec["imap"])
user = "imap-authenticate"
imap.authenticate("PLAIN", lambda _: ("\0%s\0%s" % (user, passwords[user])).encode())
imap.logout()

pop = poplib.POP3(host, spec["pop3"])
pop.user("pop-pass")
pop.pass_(passwords["pop-pass"])
pop.quit()
pop = poplib.POP3(host, spec["pop3"])
pop.apop("pop-apop", passwords["pop-apop"])
pop.quit()
print("ok")
