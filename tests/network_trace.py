"""A real recorder of network use: strace follows a command and every process it starts.

What counts as reaching out, from the system calls strace sees with sockets decoded (-yy):
- a TCP connect() to an address that is not loopback;
- any datagram or data sent (sendto, sendmsg, sendmmsg, write) to an address that is not
  loopback, whether named in the call or the socket's connected peer (DNS queries included).
- a UDP connect() to port 53 anywhere but loopback: a name server, about to be asked.
A UDP connect() alone sends nothing: the kernel only looks up a route. Chromium does this to
learn whether IPv6 works (to 2001:4860:4860::8888); it is recorded as a route lookup, and any
data sent on such a socket would count as reaching out.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

SYSCALLS = "connect,sendto,sendmsg,sendmmsg,write"
_CALL = re.compile(
    r"^\d+\s+(?P<call>connect|sendto|sendmsg|sendmmsg|write)\((?P<fd>\d+)<(?P<sock>.*?)>[,)]"
)
_PEER = re.compile(r"^(?P<kind>TCP|UDP|TCPv6|UDPv6):\[(?P<ends>.*)\]$")
_ADDRESS = re.compile(r'inet_addr\("(?P<v4>[^"]+)"\)|inet_pton\(AF_INET6, "(?P<v6>[^"]+)"')
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")


@dataclass
class Trace:
    """What a traced run did on the network."""

    outbound: list[str] = field(default_factory=list)
    loopback_connects: int = 0
    route_lookups: list[str] = field(default_factory=list)


def available() -> bool:
    """True where strace can run (it is installed by .ci/run)."""
    return shutil.which("strace") is not None


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


def _remote(sock: str) -> str | None:
    """The connected peer's address of a socket decoded by -yy, or None."""
    peer = _PEER.match(sock)
    if not peer or "->" not in peer["ends"]:
        return None
    far = peer["ends"].split("->", 1)[1]
    return far.rsplit(":", 1)[0]


def read_trace(lines: list[str]) -> Trace:
    """Classify each recorded call: loopback, a route lookup, or reaching out."""
    trace = Trace()
    for line in lines:
        call = _CALL.match(line)
        if not call:
            continue
        sock = call["sock"]
        if not sock.startswith(("TCP", "UDP")):
            continue  # pipes, Unix sockets, netlink, files: this machine only
        named = _ADDRESS.search(line)
        address = (named["v4"] or named["v6"]) if named else _remote(sock)
        if address is None or is_loopback(address):
            trace.loopback_connects += call["call"] == "connect" and address is not None
            continue
        port = _PORT.search(line)
        where = f"{address}:{port[1] if port else _remote_port(sock)}"
        if call["call"] == "connect" and sock.startswith("UDP") and not where.endswith(":53"):
            trace.route_lookups.append(where)
        else:
            trace.outbound.append(f"{call['call']} {sock} {where}")
    return trace


def _remote_port(sock: str) -> str:
    peer = _PEER.match(sock)
    return peer["ends"].rsplit(":", 1)[1] if peer and "->" in peer["ends"] else "?"


def run_traced(
    command: list[str], cwd: Path, log: Path, timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], Trace]:
    """Run command under strace (following children) and read what it did on the network."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    strace = ["strace", "-f", "-qq", "-yy", "--seccomp-bpf", "-e", "signal=none"]
    result = subprocess.run(
        [*strace, "-e", f"trace={SYSCALLS}", "-o", str(log), *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return result, read_trace(log.read_text(errors="replace").splitlines())
