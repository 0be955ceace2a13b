"""Drives several Python imaplib sessions, one per login, through a list of steps (for the per-login tests).

argv[1] is JSON: {"host": h, "port": n, "steps": [["alice@example.test", "select", "INBOX"], ...]}
Each step is [user, method, *args]: the session of that user (logged in on first use, any password)
calls imaplib's method with the args. Prints JSON: one {"typ": ..., "data": [...]} per step, bytes
decoded as UTF-8 and tuples flattened; a step that raises gives {"error": "..."}.
"""
import imaplib
import json
import sys


def text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, tuple):
        return [text(part) for part in value]
    return value


def main():
    spec = json.loads(sys.argv[1])
    sessions = {}
    results = []
    for user, method, *args in spec["steps"]:
        if user not in sessions:
            client = imaplib.IMAP4(spec["host"], spec["port"])
            client.login(user, "any-password")
            sessions[user] = client
        try:
            typ, data = getattr(sessions[user], method)(*args)
            results.append({"typ": typ, "data": [text(item) for item in data if item is not None]})
        except imaplib.IMAP4.error as err:
            results.append({"error": str(err)})
    for client in sessions.values():
        client.logout()
    print(json.dumps(results))


main()
