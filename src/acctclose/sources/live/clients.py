"""The official SDK clients, one per product, all built from the same credentials and settings.

The SDK is imported here and only here (and in the modules the live reader imports), so
`acctclose --help` and the file source never load it.
"""

from __future__ import annotations

import threading
from typing import Any

from acctclose.sources.live.settings import LiveSettings

# Product -> (module, client class attribute); the domain product has its own intl package.
_MODULES = {
    "sts": "alibabacloud_sts20150401.client",
    "bss": "alibabacloud_bssopenapi20171214.client",
    "ram": "alibabacloud_ram20150501.client",
    "resourcecenter": "alibabacloud_resourcecenter20221201.client",
    "domain": "alibabacloud_domain20180129.client",
    "domain-intl": "alibabacloud_domain_intl20171218.client",
    "resourcemanager": "alibabacloud_resourcemanager20200331.client",
}


class Clients:
    """Builds each product's client on first use (thread-safe); clients are reused."""

    def __init__(self, settings: LiveSettings, credential: Any) -> None:
        self.settings = settings
        self._credential = credential
        self._lock = threading.Lock()
        self._built: dict[str, Any] = {}

    def sts(self) -> Any:
        return self._client("sts")

    def bss(self) -> Any:
        return self._client("bss")

    def ram(self) -> Any:
        return self._client("ram")

    def resource_center(self) -> Any:
        return self._client("resourcecenter")

    def domain(self) -> Any:
        """China site: the Domain product; international: Domain (international), same shape."""
        return self._client("domain-intl" if self.settings.site == "international" else "domain")

    def resource_manager(self) -> Any:
        return self._client("resourcemanager")

    def _client(self, product: str) -> Any:
        with self._lock:
            if product not in self._built:
                self._built[product] = self._build(product)
            return self._built[product]

    def _build(self, product: str) -> Any:
        import importlib

        from alibabacloud_tea_openapi.models import Config

        endpoint = self.settings.endpoint(product.removesuffix("-intl"))
        config = Config(
            credential=self._credential,
            endpoint=endpoint.host,
            protocol=endpoint.protocol,
            region_id="ap-southeast-1" if self.settings.site == "international" else "cn-hangzhou",
            connect_timeout=int(self.settings.connect_timeout * 1000),
            read_timeout=int(self.settings.read_timeout * 1000),
            # Areas, pages and regions each run `concurrency` calls, all to one host at most.
            max_idle_conns=self.settings.concurrency * 3 + 4,
        )
        module = importlib.import_module(_MODULES[product])
        return module.Client(config)
