"""smtplib, imaplib and poplib over STARTTLS/STLS and over implicit TLS, one login each, for the sessions TLS test.

argv[1] is JSON: {"host": h, "smtp": n, "smtps": n, "imap": n, "imaps": n, "pop3": n, "pop3s": n}.
The sandbox's certificate is self-signed, so it is not verified.
"""
import imaplib
import json
import poplib
import smtplib
import ssl
import sys

spec = json.loads(sys.argv[1])
host = spec["host"]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE

smtp = smtplib.SMTP(host, spec["smtp"])
smtp.ehlo("starttls.client.test")
smtp.starttls(context=context)
smtp.ehlo("starttls.client.test")
smtp.login("smtp-starttls", "x")
smtp.quit()
smtp = smtplib.SMTP_SSL(host, spec["smtps"], context=context)
smtp.ehlo("smtps.client.test")
smtp.login("smtp-implicit", "x")
smtp.quit()

imap = imaplib.IMAP4(host, spec["imap"])
imap.starttls(ssl_context=context)
imap.login("imap-starttls", "x")
imap.logout()
imap = imaplib.IMAP4_SSL(host, spec["imaps"], ssl_context=context)
imap.login("imap-implicit", "x")
imap.logout()

pop = poplib.POP3(host, spec["pop3"])
pop.stls(context=context)
pop.user("pop3-starttls")
pop.pass_("x")
pop.quit()
pop = poplib.POP3_SSL(host, spec["pop3s"], context=context)
pop.user("pop3-implicit")
pop.pass_("x")
pop.quit()
print("ok")
