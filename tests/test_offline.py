"""Nothing reaches for the network: the tests and the notebook kernels run with it refused."""

import os
import socket
import urllib.error
import urllib.request

import pytest

from helpers import offline


def test_the_test_run_itself_is_offline():
    assert os.environ.get(offline.ENV) == "1", "make test must set PIVOT_CHECK_OFFLINE=1"
    assert getattr(socket, "_pivot_check_offline", False)


def test_reaching_another_machine_is_refused_with_its_name():
    with pytest.raises(urllib.error.URLError) as info:  # urllib wraps the refusal
        urllib.request.urlopen("http://example.org/", timeout=2)
    assert isinstance(info.value.reason, offline.NetworkDisabled) and "example.org" in str(info.value.reason)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(offline.NetworkDisabled, match="203.0.113.7"):
            sock.connect(("203.0.113.7", 80))
    finally:
        sock.close()


def test_the_loopback_still_works():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        client.connect(server.getsockname())
    finally:
        client.close()
        server.close()


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                         ("10.0.0.1", False), ("8.8.8.8", False), ("example.org", False)])
def test_what_counts_as_this_machine(host, local):
    assert offline.is_local(host) is local
