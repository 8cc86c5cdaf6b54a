"""TLS and mTLS from certificate paths in the config; plaintext only on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from acdcore_client import errors

from grpc_harness import TEST_CONFIG, ServerProc, client

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make certificates")


def _openssl(*args: str, cwd) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("pki")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
             "-subj", "/CN=acdcore test CA", cwd=d)
    (d / "san.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    for name in ("server", "client"):
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj",
                 f"/CN={name}", cwd=d)
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", f"{name}.crt", "-days", "2", "-extfile", "san.cnf", cwd=d)
    return d


def _config(pki, mtls: bool) -> str:  # type: ignore[no-untyped-def]
    tls = f'[tls]\ncert_file = "{pki}/server.crt"\nkey_file = "{pki}/server.key"\n'
    if mtls:
        tls += f'client_ca_file = "{pki}/ca.crt"\n'
    return TEST_CONFIG.replace("[auth]", tls + "\n[auth]")


def test_tls(tmp_path, pki):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path, _config(pki, mtls=False)).start()
    try:
        assert srv.info["tls"] is True
        c = client(srv.target, "admin", tls_ca=pki / "ca.crt", retries=1)
        assert c.get_queue("general").config.name == "general"
        c.close()
        plain = client(srv.target, "admin", retries=1, timeout=3)
        with pytest.raises((errors.Unavailable, errors.DeadlineExceeded)):
            plain.list_queues()
        plain.close()
    finally:
        srv.kill()


def test_mtls_requires_a_client_certificate(tmp_path, pki):  # type: ignore[no-untyped-def]
    srv = ServerProc(tmp_path, _config(pki, mtls=True)).start()
    try:
        ok = client(srv.target, "telephony", tls_ca=pki / "ca.crt", tls_cert=pki / "client.crt",
                    tls_key=pki / "client.key", retries=1)
        assert ok.enqueue_call("tls-1", "general").call.call_id == "tls-1"
        ok.close()
        anon = client(srv.target, "telephony", tls_ca=pki / "ca.crt", retries=1, timeout=3)
        with pytest.raises((errors.Unavailable, errors.DeadlineExceeded)):
            anon.get_call("tls-1")
        anon.close()
        # the certificate does not replace the token
        notoken = client(srv.target, "telephony", tls_ca=pki / "ca.crt", tls_cert=pki / "client.crt",
                         tls_key=pki / "client.key", retries=1)
        notoken.settings.token = None
        notoken._md = ()
        with pytest.raises(errors.Unauthenticated):
            notoken.get_call("tls-1")
        notoken.close()
    finally:
        srv.kill()


def test_plaintext_off_loopback_is_refused(tmp_path):  # type: ignore[no-untyped-def]
    cfg = tmp_path / "c.toml"
    cfg.write_text(TEST_CONFIG.replace('listen = ["127.0.0.1:0"]', 'listen = ["0.0.0.0:0"]'))
    r = subprocess.run([sys.executable, "-m", "grpc_server", "--config", str(cfg)], capture_output=True, text=True,
                       timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and "refusing to listen in plaintext on 0.0.0.0:0" in r.stderr
    cfg.write_text(TEST_CONFIG.replace("[auth]", '[tls]\ncert_file = "nope.crt"\nkey_file = "nope.key"\n\n[auth]'))
    r = subprocess.run([sys.executable, "-m", "grpc_server", "--config", str(cfg)], capture_output=True, text=True,
                       timeout=60, cwd=tmp_path)
    assert r.returncode == 2 and "no such file" in r.stderr and "c.toml:" in r.stderr
