"""No network at run time: refuse any connection that would leave this machine.

Everything the collection needs ships in ``data/``. :func:`forbid_network` makes that a rule
rather than a hope: after it, connecting a socket to (or looking up) any host other than this
machine's loopback raises :class:`NetworkDisabled`, naming the host. ``import helpers`` calls
it when the environment variable ``PIVOT_CHECK_OFFLINE`` is ``1``, which ``make run`` and
``make test`` set for the notebook kernels and the tests.
"""

from __future__ import annotations

import ipaddress
import os
import socket

ENV = "PIVOT_CHECK_OFFLINE"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkDisabled(ConnectionError):
    """Raised when code tries to reach another machine while the collection runs offline."""


def is_local(host) -> bool:
    """Loopback addresses, local names and Unix sockets count as this machine."""
    if host is None or isinstance(host, (bytes, bytearray)):
        return True
    host = str(host).strip("[]")
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(host) -> None:
    raise NetworkDisabled(f"Pivot Check runs offline: something tried to reach {host!r}. Everything the "
                          f"notebooks need is in data/; unset {ENV} only if you really mean to go online.")


def forbid_network() -> None:
    """Patch the socket module so that only local connections and look-ups work (idempotent)."""
    if getattr(socket, "_pivot_check_offline", False):
        return
    original_connect, original_connect_ex = socket.socket.connect, socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            _refuse(address[0])
        return original_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            _refuse(address[0])
        return original_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not is_local(host):
            _refuse(host)
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo = getaddrinfo
    socket._pivot_check_offline = True


if os.environ.get(ENV) == "1":  # pragma: no cover - exercised in the kernels and tests
    forbid_network()
