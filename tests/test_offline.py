"""Nothing reaches for the network: the tests and the notebook kernels run with it refused.

One test per known way around a guard that patches ``socket.socket`` only: a host written as
bytes, the raw ``_socket`` module, ``connect_ex``, UDP ``sendto``, ``sendmsg``, a name look-up with
a bytes host, and a child process. The addresses are documentation and test ranges
(RFC 5737, RFC 3849) and the reserved ``.invalid`` domain: nothing would answer even if a
refusal failed, and ``sendto``/``connect`` to them would leave the machine, so a refusal is the
only way a test sees :class:`NetworkDisabled`.
"""

import _socket
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from helpers import offline, paths

FAR = "203.0.113.7"  # TEST-NET-3
FAR6 = "2001:db8::7"  # IPv6 documentation prefix
NAME = "pivot-check.invalid"


def test_the_test_run_itself_is_offline():
    assert os.environ.get(offline.ENV) == "1", "make test must set PIVOT_CHECK_OFFLINE=1"
    assert getattr(socket, "_pivot_check_offline", False)


def test_reaching_another_machine_is_refused_with_its_name():
    with pytest.raises(urllib.error.URLError) as info:  # urllib wraps the refusal
        urllib.request.urlopen("http://example.org/", timeout=2)
    assert isinstance(info.value.reason, offline.NetworkDisabled) and "example.org" in str(info.value.reason)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(offline.NetworkDisabled, match=FAR):
            sock.connect((FAR, 80))


@pytest.mark.parametrize("host", [FAR.encode(), bytearray(FAR.encode()), NAME.encode()])
def test_a_host_written_as_bytes_is_refused(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(offline.NetworkDisabled, match=bytes(host).decode()):
            sock.connect((host, 80))


@pytest.mark.parametrize("module", [socket, _socket], ids=["socket", "_socket"])
@pytest.mark.parametrize("host", [FAR, FAR.encode(), NAME, NAME.encode()], ids=["str", "bytes", "name", "bytes-name"])
def test_connect_and_connect_ex_are_refused_on_both_socket_classes(module, host):
    # A name must be refused before the C code resolves it (a gaierror here would mean it reached the resolver).
    sock = module.socket(module.AF_INET, module.SOCK_STREAM)
    try:
        with pytest.raises(offline.NetworkDisabled):
            sock.connect((host, 80))
        with pytest.raises(offline.NetworkDisabled):  # connect_ex returns error codes, but not this one
            sock.connect_ex((host, 80))
    finally:
        sock.close()


def test_ipv6_is_refused_too():
    sock = _socket.socket(_socket.AF_INET6, _socket.SOCK_STREAM)
    try:
        with pytest.raises(offline.NetworkDisabled, match="2001:db8::7"):
            sock.connect((FAR6, 80, 0, 0))
    finally:
        sock.close()


@pytest.mark.parametrize("module", [socket, _socket], ids=["socket", "_socket"])
@pytest.mark.parametrize("host", [FAR, FAR.encode(), "<broadcast>"], ids=["str", "bytes", "broadcast"])
def test_udp_sendto_and_sendmsg_are_refused(module, host):
    sock = module.socket(module.AF_INET, module.SOCK_DGRAM)
    try:
        with pytest.raises(offline.NetworkDisabled):
            sock.sendto(b"x", (host, 53))
        with pytest.raises(offline.NetworkDisabled):
            sock.sendto(b"x", 0, (host, 53))
        with pytest.raises(offline.NetworkDisabled):
            sock.sendmsg([b"x"], [], 0, (host, 53))
    finally:
        sock.close()


@pytest.mark.parametrize(
    "look_up",
    [
        lambda: socket.getaddrinfo(NAME.encode(), 80),
        lambda: socket.getaddrinfo(NAME, 80),
        lambda: _socket.getaddrinfo(NAME.encode(), 80),
        lambda: socket.gethostbyname(NAME),
        lambda: socket.gethostbyname_ex(NAME),
        lambda: socket.gethostbyaddr(FAR),
        lambda: socket.getnameinfo((FAR, 80), 0),
        lambda: socket.create_connection((NAME, 80), timeout=1),
    ],
    ids=[
        "getaddrinfo-bytes",
        "getaddrinfo-str",
        "_socket-getaddrinfo-bytes",
        "gethostbyname",
        "gethostbyname_ex",
        "gethostbyaddr",
        "getnameinfo",
        "create_connection",
    ],
)
def test_name_look_ups_never_reach_the_resolver(look_up):
    with pytest.raises(offline.NetworkDisabled):
        look_up()


def test_sockets_that_only_reach_other_machines_cannot_be_made():
    with pytest.raises(offline.NetworkDisabled):
        offline.check_event("socket.__new__", (None, getattr(socket, "AF_PACKET", 17), socket.SOCK_RAW, 0))
    with pytest.raises(offline.NetworkDisabled, match="raw"):
        offline.check_event("socket.__new__", (None, socket.AF_INET, socket.SOCK_RAW, 0))
    with pytest.raises(offline.NetworkDisabled, match="raw"):  # type flags do not hide it
        offline.check_event("socket.__new__", (None, socket.AF_INET6, socket.SOCK_RAW | socket.SOCK_NONBLOCK, 0))
    offline.check_event("socket.__new__", (None, socket.AF_UNIX, socket.SOCK_STREAM, 0))  # allowed


def test_the_guard_holds_below_the_python_classes(monkeypatch):
    # The C class itself, as code that kept a reference from before the guard would have it,
    # and socket.socket with its methods put back: the audit hook still refuses.
    original = socket.socket.__bases__[0]
    monkeypatch.setattr(socket.socket, "sendto", original.sendto)
    monkeypatch.setattr(socket.socket, "connect", original.connect)
    for kind in (original, socket.socket):
        sock = kind(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            with pytest.raises(offline.NetworkDisabled):
                sock.sendto(b"x", (FAR.encode(), 53))
            with pytest.raises(offline.NetworkDisabled):
                sock.connect((FAR, 53))
        finally:
            sock.close()


def test_a_python_child_that_imports_helpers_inherits_the_guard():
    # A child process is outside this process's guard (README: Reliability); the flag travels
    # in the environment, so a Python child that imports helpers refuses the network too.
    code = (
        "import helpers, socket\n"
        "try:\n    socket.getaddrinfo(b'pivot-check.invalid', 80)\n"
        "except helpers.offline.NetworkDisabled:\n    print('refused')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=os.environ | {offline.ENV: "1"}
    )
    assert done.stdout.strip() == "refused", done.stderr


def test_the_readme_says_what_the_guard_cannot_cover():
    readme = (paths.REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    assert "subprocess" in section and "cannot" in section


def test_the_loopback_still_works():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        client.connect(server.getsockname())
        assert socket.getaddrinfo("localhost", 80) and socket.getaddrinfo(b"localhost", 80)
    finally:
        client.close()
        server.close()
    left, right = socket.socketpair()  # Unix sockets are local whatever their address
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"


@pytest.mark.parametrize(
    "host, local",
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        (b"127.0.0.1", True),
        (b"localhost", True),
        (None, True),
        ("0.0.0.0", True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.1", False),
        ("8.8.8.8", False),
        ("example.org", False),
        (b"example.org", False),
        (bytearray(b"8.8.8.8"), False),
        (b"\xff\xfe", False),
        ("<broadcast>", False),
        ("::ffff:8.8.8.8", False),
        ("2130706433", False),
        (42, False),
    ],
)
def test_what_counts_as_this_machine(host, local):
    assert offline.is_local(host) is local


def test_the_machines_own_name_is_local():
    assert offline.is_local("my-laptop", hostname="my-laptop")
    assert not offline.is_local("their-laptop", hostname="my-laptop")
