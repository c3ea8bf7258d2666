"""The SSRF guard against the IANA special-purpose address registries (IPv4 and IPv6): an
address in any of their blocks is refused before a connection, whatever Python's `is_global`
makes of it, and so is one wrapped in an IPv6 form."""

from __future__ import annotations

import pytest

from events_app.fetch import AddressNotAllowedError, Fetcher, is_public_address

REFUSED = {
    # IPv4 Special-Purpose Address Registry
    "0.0.0.1": "this network",
    "10.200.3.4": "private",
    "100.64.0.1": "shared address space (carrier NAT)",
    "100.127.255.254": "shared address space, last",
    "127.0.0.53": "loopback",
    "169.254.169.254": "link-local: cloud metadata",
    "172.31.255.1": "private",
    "192.0.0.1": "IETF protocol assignments",
    "192.0.0.9": "port control protocol anycast",
    "192.0.0.10": "traversal using relays anycast",
    "192.0.0.170": "NAT64 discovery",
    "192.0.2.33": "documentation TEST-NET-1",
    "192.31.196.1": "AS112 v4",
    "192.52.193.1": "automatic multicast tunnelling",
    "192.88.99.1": "deprecated 6to4 relay anycast",
    "192.168.1.1": "private",
    "192.175.48.1": "AS112 direct delegation",
    "198.18.0.1": "benchmarking",
    "198.19.255.1": "benchmarking, upper half",
    "198.51.100.7": "documentation TEST-NET-2",
    "203.0.113.9": "documentation TEST-NET-3",
    "224.0.0.251": "multicast",
    "239.255.255.250": "multicast, organisation-local",
    "240.0.0.1": "reserved",
    "255.255.255.255": "limited broadcast",
    # IPv6 Special-Purpose Address Registry, and the deprecated site-local block
    "::": "unspecified",
    "::1": "loopback",
    "::ffff:10.0.0.1": "IPv4-mapped private",
    "::ffff:8.8.8.8": "IPv4-mapped, even of a public address",
    "64:ff9b::a00:1": "NAT64 well-known prefix",
    "64:ff9b:1::1": "local-use IPv4/IPv6 translation",
    "100::1": "discard-only",
    "100:0:0:1::1": "dummy prefix",
    "2001::1": "Teredo",
    "2001:0:4136:e378:8000:63bf:f5ff:fffe": "Teredo wrapping 10.0.0.1",
    "2001:1::1": "port control protocol anycast",
    "2001:1::2": "traversal using relays anycast",
    "2001:1::3": "DNS-SD service registration",
    "2001:2::1": "benchmarking",
    "2001:3::1": "AMT",
    "2001:4:112::1": "AS112 v6",
    "2001:10::1": "deprecated ORCHID",
    "2001:20::1": "ORCHIDv2",
    "2001:30::1": "drone remote ID",
    "2001:db8::1": "documentation",
    "2002:a00:1::1": "6to4 wrapping 10.0.0.1",
    "2002:808:808::1": "6to4 relay prefix",
    "2620:4f:8000::1": "AS112 direct delegation",
    "3fff::1": "documentation (2024)",
    "5f00::1": "segment routing SIDs",
    "fc00::1": "unique local",
    "fd00:ec2::254": "unique local: cloud metadata",
    "fe80::1": "link-local",
    "fec0::1": "deprecated site-local",
    "fefe::1": "deprecated site-local, last part",
    "ff02::1": "multicast, link",
    "ff0e::1": "multicast, global scope",
}
ALLOWED = ["8.8.8.8", "1.1.1.1", "192.0.1.1", "198.20.0.1", "2a00:1450:4009:81f::200e"]
ALLOWED += ["2606:4700:4700::1111", "2620:4f:8001::1", "2001:4860:4860::8888"]


@pytest.mark.parametrize("address", REFUSED, ids=list(REFUSED.values()))
def test_special_purpose_addresses_are_not_public(address):
    assert is_public_address(address) is False


@pytest.mark.parametrize("address", ALLOWED)
def test_public_addresses_are_public(address):
    assert is_public_address(address) is True


@pytest.mark.parametrize("address", ["fec0::1", "192.0.0.1", "192.0.0.9", "64:ff9b::a00:1"])
def test_a_name_resolving_to_a_special_address_is_refused_without_connecting(address):
    calls = []
    fetcher = Fetcher(
        resolve=lambda _host, _port: [address],
        connect=lambda *args: calls.append(args),
    )

    with pytest.raises(AddressNotAllowedError):
        fetcher.fetch("https://calendar.example/events.ics")

    assert calls == []
