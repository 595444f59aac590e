"""A fake Alibaba Cloud OpenAPI endpoint for tests: the real SDK talks to it over HTTP.

One HTTP server on 127.0.0.1 (port 0) answers every product's RPC actions with the documented
response shapes, dispatching on the `x-acs-action` header (or the `Action` parameter, for
signature v2). Every call is recorded. Faults can be switched on per action: throttling with
`x-acs-retry-after`, 5xx, a malformed body, a dropped connection, a hang, a permission error,
or any error code. Action handlers live in the `HANDLERS` table: add one with `@handles(...)`
(issue 6 adds the Resource Directory member-deletion actions this way).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Params = dict[str, str]
Handler = Callable[["FakeAlibabaCloud", Params], dict[str, Any]]

HANDLERS: dict[str, Handler] = {}


def handles(*actions: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for action in actions:
            HANDLERS[action] = handler
        return handler

    return register


class ApiError(Exception):
    """Raised by a handler: answered as the documented error body."""

    def __init__(
        self, status: int, code: str, message: str = "", extra: dict[str, Any] | None = None
    ):
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message or code
        self.extra = extra or {}


@dataclass
class Fault:
    kind: str  # throttle | server_error | malformed | drop | hang | forbidden | error
    times: int = 1  # how many calls it hits; -1 for every call
    code: str = ""
    status: int = 400
    retry_after_ms: int = 20
    hang_seconds: float = 2.0


@dataclass
class FakeAccount:
    """The account the fake serves; tests change fields to shape the facts."""

    account_id: str = "1234567890123456"
    identity_type: str = "RAMUser"
    currency: str = "CNY"
    available_amount: str = "15.20"
    available_cash: str = "15.20"
    bills: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # cycle -> items
    instances: list[dict[str, Any]] = field(default_factory=list)
    resource_center: str = "Enabled"
    resource_center_initial: str = "Finished"
    resources: list[dict[str, Any]] = field(default_factory=list)
    domains: list[dict[str, Any]] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    roles: list[dict[str, str]] = field(default_factory=list)
    policies: list[dict[str, str]] = field(default_factory=list)
    mfa_devices: list[str] = field(default_factory=list)
    directory_master: str | None = None  # None: not in a resource directory
    relations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def arn(self) -> str:
        kinds = {"Account": "root", "RAMUser": "user/reader", "AssumedRoleUser": "assumed-role/r"}
        return f"acs:ram::{self.account_id}:{kinds.get(self.identity_type, 'root')}"


@dataclass(frozen=True)
class Call:
    action: str
    version: str
    params: Params
    access_key_id: str


class TokenBucket:
    """The server side of a documented flow control: `rate` per second, bursts up to `rate`."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate
        self.stamp = time.monotonic()
        self.lock = threading.Lock()

    def take(self) -> float:
        """0 when allowed, else the seconds until a token is free."""
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.rate, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= 1:
                self.tokens -= 1
                return 0.0
            return (1 - self.tokens) / self.rate


RESOURCE_CENTER_VERSION = "2022-12-01"


class FakeAlibabaCloud:
    def __init__(
        self,
        account: FakeAccount | None = None,
        *,
        latency: float = 0.0,
        resource_center_rate: float | None = None,
    ) -> None:
        self.account = account or FakeAccount()
        self.latency = latency
        self.bucket = TokenBucket(resource_center_rate) if resource_center_rate else None
        self.calls: list[Call] = []
        self.throttled = 0
        self.faults: dict[str, list[Fault]] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- control -----------------------------------------------------------------------

    def start(self) -> FakeAlibabaCloud:
        fake = self

        class RequestHandler(_Handler):
            server_fake = fake

        self._server = _Server(("127.0.0.1", 0), RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def address(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def fail(self, action: str, kind: str, times: int = 1, **options: Any) -> None:
        with self._lock:
            self.faults.setdefault(action, []).append(Fault(kind, times, **options))

    def actions(self) -> list[str]:
        with self._lock:
            return [call.action for call in self.calls]

    def count(self, action: str) -> int:
        return self.actions().count(action)

    # --- dispatch ----------------------------------------------------------------------

    def _record(self, call: Call) -> Fault | None:
        with self._lock:
            self.calls.append(call)
            queue = self.faults.get(call.action) or []
            if not queue:
                return None
            fault = queue[0]
            if fault.times > 0:
                fault.times -= 1
                if fault.times == 0:
                    queue.pop(0)
            return fault

    def answer(self, call: Call) -> tuple[int, dict[str, str], bytes | None]:
        """(status, headers, body); body None means drop the connection."""
        fault = self._record(call)
        if self.latency:
            time.sleep(self.latency)
        if self.bucket is not None and call.version == RESOURCE_CENTER_VERSION:
            wait = self.bucket.take()
            if wait > 0:
                with self._lock:
                    self.throttled += 1
                return _error(
                    429,
                    "Throttling.User",
                    "Request was denied due to user flow control.",
                    {"x-acs-retry-after": str(max(1, int(wait * 1000)))},
                )
        if fault is not None:
            faulted = _fault_answer(fault, call)
            if faulted is not None:
                return faulted
        handler = HANDLERS.get(call.action)
        if handler is None:
            return _error(
                404, "InvalidAction.NotFound", f"Specified api is not found: {call.action}"
            )
        try:
            body = handler(self, call.params)
        except ApiError as error:
            return _error(error.status, error.code, error.message, extra=error.extra)
        body.setdefault("RequestId", "FAKE-REQUEST-ID")
        return 200, {"Content-Type": "application/json;charset=utf-8"}, json.dumps(body).encode()


def _error(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    body = {
        "RequestId": "FAKE-REQUEST-ID",
        "HostId": "fake.aliyuncs.com",
        "Code": code,
        "Message": message,
    }
    body.update(extra or {})
    return (
        status,
        {"Content-Type": "application/json;charset=utf-8", **(headers or {})},
        json.dumps(body).encode(),
    )


def _fault_answer(fault: Fault, call: Call) -> tuple[int, dict[str, str], bytes | None] | None:
    if fault.kind == "throttle":
        return _error(
            400,
            fault.code or "Throttling.User",
            "Request was denied due to user flow control.",
            {"x-acs-retry-after": str(fault.retry_after_ms)},
        )
    if fault.kind == "server_error":
        return _error(
            fault.status if fault.status >= 500 else 503, fault.code or "InternalError", ""
        )
    if fault.kind == "malformed":
        return 200, {"Content-Type": "application/json"}, b"<html>502 Bad Gateway</html>"
    if fault.kind == "drop":
        return 0, {}, None
    if fault.kind == "hang":
        time.sleep(fault.hang_seconds)
        return None
    if fault.kind == "forbidden":
        return _error(
            403,
            fault.code or "Forbidden.RAM",
            "User not authorized to operate on the specified resource.",
            extra={"AccessDeniedDetail": {"AuthAction": "", "PolicyType": "AccountLevelIdentity"}},
        )
    if fault.kind == "error":
        return _error(fault.status, fault.code or "InvalidParameter", "")
    raise ValueError(f"unknown fault kind {fault.kind!r}")


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections under a burst, and Linux retries after 1 s.
    request_queue_size = 128


_CREDENTIAL = re.compile(r"Credential=([^,\s]+)")


class _Handler(BaseHTTPRequestHandler):
    server_fake: FakeAlibabaCloud
    protocol_version = "HTTP/1.1"  # keep-alive, as the real endpoints
    # One packet per response: separate header and body writes meet delayed ACKs (+40 ms).
    disable_nagle_algorithm = True
    wbufsize = -1

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        params: Params = dict(parse_qsl(parts.query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            raw = self.rfile.read(length).decode("utf-8", "replace")
            if "x-www-form-urlencoded" in (self.headers.get("Content-Type") or ""):
                params.update(parse_qsl(raw, keep_blank_values=True))
        action = self.headers.get("x-acs-action") or params.get("Action", "")
        version = self.headers.get("x-acs-version") or params.get("Version", "")
        authorization = self.headers.get("Authorization") or ""
        found = _CREDENTIAL.search(authorization)
        key_id = found.group(1) if found else params.get("AccessKeyId", "")
        call = Call(action, version, params, key_id)
        status, headers, body = self.server_fake.answer(call)
        if body is None:
            self.close_connection = True  # dropped: no status line at all
            return
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# --- paging helpers ---------------------------------------------------------------------


def _int(params: Params, key: str, default: int) -> int:
    try:
        return int(params.get(key) or default)
    except ValueError:
        raise ApiError(400, "InvalidParameter", f"{key} is not a number") from None


def _page(items: list[Any], params: Params, size_key: str, default: int) -> tuple[list[Any], int]:
    number = _int(params, "PageNum", 1) if "PageNum" in params else _int(params, "PageNumber", 1)
    size = _int(params, size_key, default)
    start = (number - 1) * size
    return items[start : start + size], number


def _marker_page(
    items: list[Any], params: Params, limit: int = 1000
) -> tuple[list[Any], dict[str, Any]]:
    start = int(params.get("Marker") or 0)
    size = min(_int(params, "MaxItems", 100), limit)
    page = items[start : start + size]
    more = start + size < len(items)
    return page, {"IsTruncated": more, **({"Marker": str(start + size)} if more else {})}


def _bss(data: dict[str, Any]) -> dict[str, Any]:
    return {"Code": "Success", "Message": "Successful!", "Success": True, "Data": data}


# --- STS ------------------------------------------------------------------------------------


@handles("GetCallerIdentity")
def get_caller_identity(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    account = fake.account
    return {
        "IdentityType": account.identity_type,
        "AccountId": account.account_id,
        "PrincipalId": "200000000000000001",
        "UserId": "200000000000000001",
        "Arn": account.arn,
    }


# --- BSS OpenAPI --------------------------------------------------------------------------


@handles("QueryAccountBalance")
def query_account_balance(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    account = fake.account
    return _bss(
        {
            "AvailableAmount": account.available_amount,
            "AvailableCashAmount": account.available_cash,
            "CreditAmount": "0.00",
            "MybankCreditAmount": "0.00",
            "Currency": account.currency,
            "QuotaLimit": "0.00",
        }
    )


@handles("QueryBillOverview")
def query_bill_overview(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    cycle = params.get("BillingCycle")
    if not cycle or not re.fullmatch(r"\d{4}-\d{2}", cycle):
        raise ApiError(400, "InvalidParameter", "BillingCycle is mandatory (YYYY-MM)")
    items = fake.account.bills.get(cycle, [])
    return _bss(
        {
            "BillingCycle": cycle,
            "AccountID": fake.account.account_id,
            "AccountName": "owner@example.com",
            "Items": {"Item": items},
        }
    )


@handles("QuerySettleBill")
def query_settle_bill(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    cycle = params.get("BillingCycle")
    if not cycle or not re.fullmatch(r"\d{4}-\d{2}", cycle):
        raise ApiError(400, "InvalidParameter", "BillingCycle is mandatory (YYYY-MM)")
    size = _int(params, "MaxResults", 20)
    if size > 300:
        raise ApiError(400, "InvalidParameter", "MaxResults must be at most 300")
    items = fake.account.bills.get(cycle, [])
    start = int(params.get("NextToken") or 0)
    data: dict[str, Any] = {
        "BillingCycle": cycle,
        "AccountID": fake.account.account_id,
        "MaxResults": size,
        "TotalCount": len(items),
        "Items": {"Item": items[start : start + size]},
    }
    if start + size < len(items):
        data["NextToken"] = str(start + size)
    return _bss(data)


@handles("QueryAvailableInstances")
def query_available_instances(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    instances = fake.account.instances
    if params.get("SubscriptionType"):
        instances = [
            i for i in instances if i.get("SubscriptionType") == params["SubscriptionType"]
        ]
    if _int(params, "PageSize", 20) > 300:
        raise ApiError(400, "InvalidParameter", "PageSize must be at most 300")
    page, number = _page(instances, params, "PageSize", 20)
    return _bss(
        {
            "PageNum": number,
            "PageSize": _int(params, "PageSize", 20),
            "TotalCount": len(instances),
            "InstanceList": page,
        }
    )


@handles("QueryRelationList")
def query_relation_list(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    if params.get("UserId") != fake.account.account_id:
        raise ApiError(400, "InvalidParameter", "UserId does not match the caller")
    page, number = _page(fake.account.relations, params, "PageSize", 20)
    return _bss(
        {
            "PageNum": number,
            "PageSize": _int(params, "PageSize", 20),
            "TotalCount": len(fake.account.relations),
            "FinancialRelationInfoList": page,
        }
    )


# --- RAM ------------------------------------------------------------------------------------


@handles("ListUsers")
def list_users(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    page, more = _marker_page(fake.account.users, params)
    users = [{"UserName": name, "UserId": f"2{index:017d}"} for index, name in enumerate(page)]
    return {"Users": {"User": users}, **more}


@handles("ListGroups")
def list_groups(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    page, more = _marker_page(fake.account.groups, params)
    return {"Groups": {"Group": [{"GroupName": name} for name in page]}, **more}


@handles("ListRoles")
def list_roles(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    page, more = _marker_page(fake.account.roles, params)
    return {"Roles": {"Role": page}, **more}


@handles("ListPolicies")
def list_policies(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    policies = fake.account.policies
    if params.get("PolicyType"):
        policies = [p for p in policies if p.get("PolicyType") == params["PolicyType"]]
    page, more = _marker_page(policies, params)
    return {"Policies": {"Policy": page}, **more}


@handles("ListVirtualMFADevices")
def list_virtual_mfa_devices(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    devices = [{"SerialNumber": serial} for serial in fake.account.mfa_devices]
    return {"VirtualMFADevices": {"VirtualMFADevice": devices}}


# --- Resource Center --------------------------------------------------------------------------


@handles("GetResourceCenterServiceStatus")
def get_resource_center_service_status(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    return {
        "ServiceStatus": fake.account.resource_center,
        "InitialStatus": fake.account.resource_center_initial,
    }


@handles("EnableResourceCenter")
def enable_resource_center(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    fake.account.resource_center = "Enabled"
    fake.account.resource_center_initial = "Finished"
    return {"ServiceStatus": "Enabled"}


def _resource_center_on(fake: FakeAlibabaCloud) -> None:
    if fake.account.resource_center != "Enabled":
        raise ApiError(400, "ServiceNotEnabled", "Resource Center is not enabled.")


def _filters(params: Params) -> dict[str, set[str]]:
    """Filter.N.Key / Filter.N.Value.M (MatchType Equals) as key -> accepted values."""
    result: dict[str, set[str]] = {}
    for name, key in params.items():
        found = re.fullmatch(r"Filter\.(\d+)\.Key", name)
        if found:
            index = found.group(1)
            values = {
                value
                for other, value in params.items()
                if re.fullmatch(rf"Filter\.{index}\.Value\.\d+", other)
            }
            result[key] = values
    return result


def _matching(fake: FakeAlibabaCloud, params: Params) -> list[dict[str, Any]]:
    filters = _filters(params)
    return [
        resource
        for resource in fake.account.resources
        if all(str(resource.get(key)) in values for key, values in filters.items())
    ]


@handles("GetResourceCounts")
def get_resource_counts(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    _resource_center_on(fake)
    key = params.get("GroupByKey") or "ResourceType"
    counts: dict[str, int] = {}
    for resource in _matching(fake, params):
        group = str(resource.get(key) or "")
        counts[group] = counts.get(group, 0) + 1
    return {
        "GroupByKey": key,
        "ResourceCounts": [{"GroupName": name, "Count": count} for name, count in counts.items()],
    }


@handles("SearchResources")
def search_resources(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    _resource_center_on(fake)
    size = _int(params, "MaxResults", 20)
    if not 1 <= size <= 100:
        raise ApiError(400, "InvalidParameter", "MaxResults must be 1-100")
    start = int(params.get("NextToken") or 0)
    found = _matching(fake, params)
    page = found[start : start + size]
    body: dict[str, Any] = {"MaxResults": size, "Resources": page, "Filters": []}
    if start + size < len(found):
        body["NextToken"] = str(start + size)
    return body


# --- Domain -------------------------------------------------------------------------------------


@handles("QueryDomainList")
def query_domain_list(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    if "PageNum" not in params or "PageSize" not in params:
        raise ApiError(400, "MissingParameter", "PageNum and PageSize are mandatory")
    size = _int(params, "PageSize", 20)
    page, number = _page(fake.account.domains, params, "PageSize", 20)
    total = len(fake.account.domains)
    pages = max(1, -(-total // size))
    return {
        "TotalItemNum": total,
        "CurrentPageNum": number,
        "TotalPageNum": pages,
        "PageSize": size,
        "PrePage": number > 1,
        "NextPage": number < pages,
        "Data": {"Domain": page},
    }


# --- Resource Manager -------------------------------------------------------------------------


@handles("GetResourceDirectory")
def get_resource_directory(fake: FakeAlibabaCloud, params: Params) -> dict[str, Any]:
    master = fake.account.directory_master
    if master is None:
        raise ApiError(404, "ResourceDirectoryNotInUse", "The resource directory is not enabled.")
    return {
        "ResourceDirectory": {
            "ResourceDirectoryId": "rd-abc123",
            "MasterAccountId": master,
            "MasterAccountName": "owner@example.com",
            "RootFolderId": "r-abc123",
            "MemberDeletionStatus": "Disabled",
        }
    }
