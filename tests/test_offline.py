"""Printing makes no request to any other host: the PDF run, recorded by strace, stays local."""

import sys
from pathlib import Path

from pypdf import PdfReader

import network_trace
from conftest import SEED_DATA, copy_project, require
from generator.data.validation import read_briefing
from generator.outputs.chromium import find_chromium

# Lines in strace's own format, as recorded from `briefing pdf` before Chromium was held to
# loopback: its resolver asking the name server for update.googleapis.com.
BEFORE = [
    "16771 sendmmsg(116<UDP:[192.0.2.2:37634->10.255.255.53:53]>,  <unfinished ...>",
    "24339 connect(24<UDP:[5812]>, {sa_family=AF_INET, sin_port=htons(53), "
    'sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
    "24339 connect(21<TCP:[5813]>, {sa_family=AF_INET, sin_port=htons(443), "
    'sin_addr=inet_addr("142.250.0.1")}, 16) = -1 EINPROGRESS',
    "24339 connect(26<UDPv6:[127413]>, {sa_family=AF_INET6, sin6_port=htons(443), "
    'sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), '
    "sin6_scope_id=0}, 28) = 0",
    "24339 connect(27<TCP:[5900]>, {sa_family=AF_INET, sin_port=htons(42323), "
    'sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS',
]


def test_the_recorder_tells_a_dns_query_and_a_connection_from_loopback():
    trace = network_trace.read_trace(BEFORE)
    assert len(trace.outbound) == 3
    assert "10.255.255.53:53" in trace.outbound[0] and "142.250.0.1:443" in trace.outbound[2]
    assert trace.route_lookups == ["2001:4860:4860::8888:443"]
    assert trace.loopback_connects == 1


def test_briefing_pdf_contacts_no_address_but_loopback(tmp_path: Path):
    require(find_chromium(), "Chromium is not installed (apt-get install chromium)")
    require(network_trace.available(), "strace is not installed (apt-get install strace)")
    project = copy_project(tmp_path / "p")
    result, trace = network_trace.run_traced(
        [sys.executable, "-m", "generator", "pdf", "--out", "traced.pdf"],
        cwd=project,
        log=tmp_path / "strace.log",
    )
    assert result.returncode == 0, result.stderr
    # The recorder saw the browser at work: it fetched the print page from the local server.
    assert trace.loopback_connects > 0
    assert (
        PdfReader(project / "traced.pdf").metadata.title == read_briefing(SEED_DATA).briefing.title
    )
    assert trace.outbound == []
