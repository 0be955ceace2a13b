"""Drives Python's poplib against a POP3 server for the tests: one session, a list of steps.

argv[1] is JSON: {"port": n, "tls": "none"|"stls"|"implicit", "steps": [["user", "u"], ["pass", "p"], ["retr", 1], ...]}
Prints JSON: {"welcome": str, "results": [...]}, one result per step. A step the server refuses gives
{"error": "-ERR ..."} and the session goes on. Message bytes come back base64-encoded, rebuilt from
poplib's lines (dot-stuffing undone by poplib) with CRLF after each line.
"""
import base64
import json
import poplib
import ssl
import sys


def text(value):
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def message_bytes(lines):
    return base64.b64encode(b"".join(line + b"\r\n" for line in lines)).decode()


def run_step(client, name, args):
    if name == "user":
        return {"status": text(client.user(args[0]))}
    if name == "pass":
        return {"status": text(client.pass_(args[0]))}
    if name == "apop":
        return {"status": text(client.apop(args[0], args[1]))}
    if name == "capa":
        return {"capabilities": client.capa()}
    if name == "stat":
        count, octets = client.stat()
        return {"count": count, "octets": octets}
    if name in ("list", "uidl"):
        status, lines, _ = getattr(client, name)()
        return {"status": text(status), "lines": [text(line) for line in lines]}
    if name == "retr":
        status, lines, octets = client.retr(args[0])
        return {"status": text(status), "bytes": message_bytes(lines), "octets": octets}
    if name == "top":
        status, lines, octets = client.top(args[0], args[1])
        return {"status": text(status), "bytes": message_bytes(lines), "octets": octets}
    if name == "dele":
        return {"status": text(client.dele(args[0]))}
    if name == "rset":
        return {"status": text(client.rset())}
    if name == "noop":
        return {"status": text(client.noop())}
    if name == "quit":
        return {"status": text(client.quit())}
    if name == "drop":
        client.sock.close()
        return {"status": "dropped"}
    raise ValueError("unknown step " + name)


def main():
    spec = json.loads(sys.argv[1])
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    host = spec.get("host", "127.0.0.1")
    if spec.get("tls") == "implicit":
        client = poplib.POP3_SSL(host, spec["port"], context=context, timeout=10)
    else:
        client = poplib.POP3(host, spec["port"], timeout=10)
    result = {"welcome": text(client.getwelcome()), "results": []}
    if spec.get("tls") == "stls":
        result["stls"] = text(client.stls(context=context))
    for step in spec["steps"]:
        try:
            result["results"].append(run_step(client, step[0], step[1:]))
        except poplib.error_proto as error:
            result["results"].append({"error": text(error.args[0])})
    print(json.dumps(result))


main()
