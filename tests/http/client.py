"""A JSON-RPC client as the web client speaks it: one user, one session cookie, /web/dataset/call_kw."""

import itertools
import json
import re
import urllib.error
import urllib.request

CJK = re.compile(r"[\u4e00-\u9fff]")
REFUSALS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
}
_ids = itertools.count(1)


class RpcError(Exception):
    """The server's JSON error: ``name`` (the exception's class path), ``message`` (what the user reads)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        self.debug = data.get("debug", "")
        super().__init__(f"{self.name}: {self.message}")


class Refused(AssertionError):
    pass


class Client:
    """``login`` (its password is given at creation), then ``call(model, method, *args, **kwargs)``."""

    def __init__(self, server, login, password, company_ids=None):
        self.url = server.url
        self.db = server.db
        self.login_name = login
        self.password = password
        self.session_id = None
        self.uid = None
        self.context = {}
        self.company_ids = company_ids
        self.refusals = 0

    def _post(self, path, params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": next(_ids), "params": params}).encode()
        request = urllib.request.Request(self.url + path, data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        if self.session_id:
            # the cookie is sent by hand: the server's clock is the test's, so its expiry dates mean nothing here
            request.add_header("Cookie", f"session_id={self.session_id}")
        with urllib.request.urlopen(request, timeout=120) as answer:
            for header in answer.headers.get_all("Set-Cookie") or ():
                match = re.match(r"session_id=([^;]+)", header)
                if match:
                    self.session_id = match.group(1)
            reply = json.loads(answer.read())
        if "error" in reply:
            raise RpcError(reply["error"])
        return reply.get("result")

    def login(self):
        result = self._post(
            "/web/session/authenticate", {"db": self.db, "login": self.login_name, "password": self.password}
        )
        self.uid = result["uid"]
        self.context = dict(result["user_context"])
        companies = result.get("user_companies", {}).get("allowed_companies", {})
        self.company_ids = self.company_ids or [int(key) for key in companies] or None
        return self

    def call(self, model, method, *args, context=None, **kwargs):
        ctx = dict(self.context)
        if self.company_ids:
            ctx["allowed_company_ids"] = list(self.company_ids)
        ctx.update(context or {})
        kwargs = dict(kwargs, context=ctx)
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    # shortcuts
    def create(self, model, values, **kw):
        return self.call(model, "create", values, **kw)

    def write(self, model, ids, values, **kw):
        return self.call(model, "write", ids if isinstance(ids, list) else [ids], values, **kw)

    def read(self, model, ids, fields, **kw):
        return self.call(model, "read", ids if isinstance(ids, list) else [ids], fields, **kw)

    def search(self, model, domain, **kw):
        return self.call(model, "search", domain, **kw)

    def search_read(self, model, domain, fields, **kw):
        return self.call(model, "search_read", domain, fields, **kw)

    def one(self, model, record_id, fields):
        return self.read(model, [record_id], fields)[0]

    def button(self, model, ids, method, *args, **kw):
        return self.call(model, method, ids if isinstance(ids, list) else [ids], *args, **kw)

    def expect_refusal(self, words, model, method, *args, **kwargs):
        """Calls and asserts a refusal the user can read: a UserError/AccessError/ValidationError whose message
        is a Chinese sentence (CJK characters, no traceback) containing one of ``words`` (a regex)."""
        try:
            result = self.call(model, method, *args, **kwargs)
        except RpcError as error:
            check_sentence(error, words, f"{self.login_name}: {model}.{method}")
            self.refusals += 1
            return error
        raise Refused(
            f"{self.login_name}: {model}.{method} was accepted ({result!r}); a refusal was expected"
        )


def check_sentence(error, words, what):
    if error.name not in REFUSALS:
        raise Refused(
            f"{what}: {error.name} is not a refusal for a user: {error.message}\n{error.debug[-2000:]}"
        )
    if not CJK.search(error.message) or "Traceback" in error.message:
        raise Refused(f"{what}: the refusal is not a Chinese sentence: {error.message!r}")
    if words and not re.search(words, error.message):
        raise Refused(f"{what}: the refusal does not say /{words}/: {error.message!r}")
