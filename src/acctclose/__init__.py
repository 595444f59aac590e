"""acctclose: close an Alibaba Cloud account safely, completely, and with a record."""

__version__ = "0.1.0"
