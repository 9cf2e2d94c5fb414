"""No network at run time: refuse any connection that would leave this machine.

Everything the collection needs ships in ``data/``. :func:`forbid_network` makes that a rule
rather than a hope. ``import helpers`` calls it when the environment variable
``PIVOT_CHECK_OFFLINE`` is ``1``, which ``make run``, ``make test`` and ``make lab`` set for the
notebook kernels and the tests.

How it holds: the guard is an audit hook (:func:`sys.addaudithook`). CPython's own socket module
(``_socket``, written in C) announces every connection, datagram, message and name look-up to
the hooks *before* doing it, whichever way it was reached: ``socket.socket``, the raw
``_socket.socket``, ``connect``/``connect_ex``, UDP ``sendto``, ``sendmsg``, ``getaddrinfo``,
``gethostbyname``..., with the host written as text or as bytes. The hook raises
:class:`NetworkDisabled` for any host that is not this machine, and refuses sockets of families
that only talk to other machines (raw packets, CAN, Bluetooth...). Once added, an audit hook
cannot be removed from Python code. One gap is closed in Python: ``connect`` and ``sendto`` to a
host *name* resolve it before the hook hears of the connection, so the socket classes
(``socket.socket``, and ``_socket.socket`` for code that looks it up after the guard is set)
check the address first, and a name that is not local never reaches the resolver.

What it cannot cover (also in README.md, "Reliability"): other processes (a ``!curl`` in a
notebook, ``subprocess``, a Python child that does not import ``helpers``; children inherit
``PIVOT_CHECK_OFFLINE=1``, so a Python child that imports ``helpers`` is guarded too), and code
that opens sockets outside CPython's socket module (C libraries such as libcurl or libzmq,
``ctypes`` calls into libc).
"""

from __future__ import annotations

import _socket
import ipaddress
import os
import socket
import sys

ENV = "PIVOT_CHECK_OFFLINE"
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", ""}

#: Socket families that stay on this machine whatever the address: Unix sockets, the kernel's
#: netlink and crypto interfaces. Internet sockets are checked address by address; every other
#: family (AF_PACKET, AF_CAN, AF_BLUETOOTH, AF_TIPC, AF_VSOCK...) is refused.
_LOCAL_FAMILIES = frozenset(
    getattr(socket, name) for name in ("AF_UNIX", "AF_NETLINK", "AF_ALG") if hasattr(socket, name)
)
_INET_FAMILIES = frozenset((socket.AF_INET, socket.AF_INET6))

#: Audit events that send to, connect to or look up the address in their first argument after
#: the socket (see "Audit events table" in Python's documentation).
_ADDRESS_EVENTS = frozenset(("socket.connect", "socket.sendto", "socket.sendmsg"))
_NAME_EVENTS = frozenset(("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"))


class NetworkDisabled(ConnectionError):
    """Raised when code tries to reach another machine while the collection runs offline."""


def _text(host) -> str | None:
    """A host as text; ``None`` if it is neither text nor bytes that decode as ASCII."""
    if isinstance(host, (bytes, bytearray, memoryview)):
        try:
            return bytes(host).decode("ascii")
        except UnicodeDecodeError:
            return None
    return host if isinstance(host, str) else None


def is_local(host, *, hostname: str | None = None) -> bool:
    """True if ``host`` (text or bytes) names this machine: a loopback or unspecified address, a
    local name such as ``localhost``, or the machine's own ``hostname``. ``None`` (a passive
    look-up) is local too. Anything else, including a host that cannot be read, is not."""
    if host is None:
        return True
    text = _text(host)
    if text is None:
        return False
    text = text.strip("[]").rstrip(".").lower()
    if text in _LOCAL_NAMES or (hostname and text == hostname.lower()):
        return True
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    return address.is_loopback or address.is_unspecified or bool(mapped and mapped.is_loopback)


def _refuse(host) -> None:
    shown = _text(host) if _text(host) is not None else host
    raise NetworkDisabled(
        f"Pivot Check runs offline: something tried to reach {shown!r}. Everything the "
        f"notebooks need is in data/; unset {ENV} only if you really mean to go online."
    )


def check_event(event: str, args: tuple, *, hostname: str | None = None) -> None:
    """Raise :class:`NetworkDisabled` if the audit ``event`` would reach another machine.

    The audit hook's logic, callable on its own (the tests feed it events directly).
    """
    if not event.startswith("socket."):
        return
    if event == "socket.__new__":  # (socket, family, type, proto)
        family, kind = args[1], args[2]
        if family in _INET_FAMILIES and isinstance(kind, int) and kind & 0xF == getattr(socket, "SOCK_RAW", -1):
            _refuse(f"a raw {socket.AddressFamily(family).name} socket")
        if family not in _INET_FAMILIES and family not in _LOCAL_FAMILIES and family != -1:
            _refuse(f"a socket of family {family}")
    elif event in _ADDRESS_EVENTS:  # (socket, address); sendmsg's address may be None (connected)
        sock, address = args[0], args[1]
        if address is None:
            return
        family = getattr(sock, "family", None)
        if family in _LOCAL_FAMILIES:
            return
        if family not in _INET_FAMILIES:
            _refuse(address)
        host = address[0] if isinstance(address, tuple) and address else address
        if not is_local(host, hostname=hostname):
            _refuse(host)
    elif event in _NAME_EVENTS:  # (host, ...)
        if args and not is_local(args[0], hostname=hostname):
            _refuse(args[0])
    elif event == "socket.getnameinfo":  # (sockaddr,)
        sockaddr = args[0] if args else None
        host = sockaddr[0] if isinstance(sockaddr, tuple) and sockaddr else sockaddr
        if not is_local(host, hostname=hostname):
            _refuse(host)


def forbid_network() -> None:
    """Refuse, from now on and for good, every connection or look-up that would leave this machine.

    Idempotent: the hook is added once per process.
    """
    if getattr(socket, "_pivot_check_offline", False):
        return
    hostname = socket.gethostname()  # before the hook: the machine's own name counts as local

    def hook(event: str, args: tuple) -> None:
        if event.startswith("socket."):
            check_event(event, args, hostname=hostname)

    sys.addaudithook(hook)
    checked = _checked_methods(hostname)
    for name, method in checked.items():
        setattr(socket.socket, name, method)
    guarded = type("socket", (_socket.socket,), {"__module__": "_socket", "__slots__": (), **checked})
    _socket.socket = _socket.SocketType = guarded
    socket._pivot_check_offline = True


def _checked_methods(hostname: str) -> dict:
    """``connect``, ``connect_ex``, ``sendto`` and ``sendmsg`` that check the address before the C
    code resolves a host name (the audit hook hears of it only after the look-up)."""
    base = _socket.socket
    connect, connect_ex, sendto, sendmsg = base.connect, base.connect_ex, base.sendto, base.sendmsg

    def checked_connect(self, address, /):
        check_event("socket.connect", (self, address), hostname=hostname)
        return connect(self, address)

    def checked_connect_ex(self, address, /):
        check_event("socket.connect", (self, address), hostname=hostname)
        return connect_ex(self, address)

    def checked_sendto(self, data, *flags_address):  # sendto(data, address) or sendto(data, flags, address)
        check_event("socket.sendto", (self, flags_address[-1] if flags_address else None), hostname=hostname)
        return sendto(self, data, *flags_address)

    def checked_sendmsg(self, buffers, *rest):  # sendmsg(buffers[, ancdata[, flags[, address]]])
        check_event("socket.sendmsg", (self, rest[2] if len(rest) > 2 else None), hostname=hostname)
        return sendmsg(self, buffers, *rest)

    return {
        "connect": checked_connect,
        "connect_ex": checked_connect_ex,
        "sendto": checked_sendto,
        "sendmsg": checked_sendmsg,
    }


if os.environ.get(ENV) == "1":  # pragma: no cover - exercised in the kernels and tests
    forbid_network()
