"""What ships in asterisk/: configuration that loads, a dialplan that matches what the
harness emulates, prompts that exist and hold speech."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from acdhook import config

ROOT = Path(__file__).resolve().parents[2]
ETC = ROOT / "asterisk" / "etc"
SOUNDS = ROOT / "asterisk" / "sounds"


def _ulaw(b: int) -> int:
    """One G.711 u-law byte as a 16-bit sample."""
    b = ~b & 0xFF
    t = ((b & 0x0F) << 3) + 0x84
    t <<= (b & 0x70) >> 4
    return (0x84 - t) if b & 0x80 else (t - 0x84)


def test_shipped_hook_config_loads(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ACDCORE_HOOK_TOKEN", "telephony-token-0123456789")
    monkeypatch.setenv("ACDCORE_ARI_PASSWORD", "secret")
    cfg = config.load(ETC / "acdcore-hook.toml")
    assert cfg.agi.host == "127.0.0.1" and cfg.agi.allow == ["127.0.0.0/8", "::1/128"]
    assert cfg.agi.max_line == 4096 and cfg.agi.max_lines == 64 and cfg.agi.header_timeout == 5.0
    assert set(cfg.menus["main"].options) == {"0", "1", "2", "3", "4", "5"}
    # every agent of acdcore's default configuration has a phone
    from grpc_server.default_config import DEFAULT_CONFIG
    ids = re.findall(r'^id = "(a\d\d)"', DEFAULT_CONFIG, re.M)
    assert ids and set(ids) == set(cfg.agents)
    # the transfer codes name queues of the default configuration
    queues = set(re.findall(r'^name = "([a-z]+)"', DEFAULT_CONFIG, re.M))
    assert set(cfg.transfer_targets.values()) <= queues


def test_check_command(monkeypatch):  # type: ignore[no-untyped-def]
    env = {"ACDCORE_HOOK_TOKEN": "telephony-token-0123456789", "ACDCORE_ARI_PASSWORD": "x",
           "PYTHONPATH": str(ROOT / "asterisk")}
    import os
    r = subprocess.run([sys.executable, "-m", "acdhook", "--config", str(ETC / "acdcore-hook.toml"), "--check"],
                       env={**os.environ, **env}, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "acdhook", "--config", str(ETC / "acdcore-hook.toml"), "--check"],
                       env={**os.environ, "PYTHONPATH": str(ROOT / "asterisk")}, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2 and "ACDCORE_HOOK_TOKEN" in r.stderr


@pytest.mark.parametrize("patch,key", [
    ('[agents]\na1 = "PJSIP/x&PJSIP/y"', "agents.a1"),
    ('[agents]\na1 = "PJSIP/agent-a1,20,U(x)"', "agents.a1"),
    ('[hotline]\ndial_options = "tU(evil)"', "hotline.dial_options"),
    ('[prompts]\nwelcome = "../../etc/passwd"', "prompts.welcome"),
    ('[callback]\nendpoint = "PJSIP/trunk"', "callback.endpoint"),
    ('[hotline]\ndtmf = "sometimes"', "hotline.dtmf"),
    ('[agi]\nallow = ["not-a-net"]', "agi.allow"),
    ('[hotline]\nbogus = 1', "hotline.bogus"),
    ('[recording]\nmode = "embedded"', "recording.mode"),  # needs ARI
    ('[ari]\nurl = "http://127.0.0.1:8088/ari"\n[recording]\nmode = "sometimes"', "recording.mode"),
    ('[ari]\nurl = "http://127.0.0.1:8088/ari"\n[recording]\nmode = "embedded"\nformat = "gsm"', "recording.format"),
    ('[recording]\nbind = "0.0.0.0; rm -rf /"', "recording.bind"),
    ('[recording]\nport_low = 30000\nport_high = 30001', "recording.port_high"),
    ('[recording]\nport_low = "x"', "recording.port_low"),
    ('[selfservice]\ntarget = "desk:50052; rm -rf /"', "selfservice.target"),
    ('[selfservice]\ntarget = "127.0.0.1:50052"', "selfservice.token"),
    ('[selfservice]\nretries = 0', "selfservice.retries"),
    ('[selfservice]\nbogus = 1', "selfservice.bogus"),
])
def test_bad_config_is_refused_with_the_key(patch: str, key: str) -> None:
    base = '[acdcore]\ntoken = "telephony-token-0123456789"\n[menus.main]\noptions = [{ digit = "1", route = "1" }]\n'
    with pytest.raises(config.ConfigError) as ei:
        config.load(text=base + patch)
    assert str(ei.value).startswith(key)


def test_dialplan_matches_the_hook_and_the_harness() -> None:
    text = (ETC / "extensions.conf").read_text()
    contexts = {m: True for m in re.findall(r"^\[([a-z-]+)\]", text, re.M)}
    for c in ("acdcore-hotline", "acdcore-answered", "acdcore-transfer", "acdcore-agents", "acdcore-fallback"):
        assert c in contexts
    scripts = set(re.findall(r"AGI\(\$\{ACDCORE_HOOK\}/([a-z]+)", text))
    assert scripts == {"hotline", "answered", "transfer", "login", "logout", "pause", "ready"}
    for ext in ("*71", "*72", "*73", "_*73X.", "*74", "_8X"):
        assert re.search(rf"^exten => {re.escape(ext)},1,", text, re.M), ext
    assert "Set(AGISIGHUP=yes)" in text and "Return()" in text
    # the answered routine and the fallback the hook GOSUBs to
    assert re.search(r"^\[acdcore-answered\]\nexten => s,1,AGI\(\$\{ACDCORE_HOOK\}/answered,\$\{ARG1\}\)", text, re.M)
    assert re.search(r"^\[acdcore-fallback\]\nexten => s,1,", text, re.M)
    pj = (ETC / "pjsip.conf").read_text()
    assert "set_var = TRANSFER_CONTEXT=acdcore-transfer" in pj and "context = acdcore-agents" in pj
    assert "context = acdcore-hotline" in pj
    for f in ("ari.conf", "http.conf", "features.conf", "musiconhold.conf", "amd.conf"):
        assert (ETC / f).is_file()
    # app_amd declines to load without amd.conf, and the campaign dialplan runs AMD()
    assert "AMD()" in text and re.search(r"^\[general\]$", (ETC / "amd.conf").read_text(), re.M)
    # every config line is commented somewhere above or beside it
    for f in ("extensions.conf", "pjsip.conf", "ari.conf", "http.conf"):
        assert sum(1 for ln in (ETC / f).read_text().splitlines() if ln.lstrip().startswith(";")) >= 4


def test_prompts_exist_and_hold_speech() -> None:
    sys.path.insert(0, str(SOUNDS))
    import make_prompts

    names = {v.split("/", 1)[1] for v in config.PROMPTS.values()}
    assert names == set(make_prompts.TEXTS)
    for n in names:
        p = SOUNDS / f"{n}.ulaw"
        data = p.read_bytes()
        seconds = len(data) / 8000
        assert 0.5 < seconds < 20, (n, seconds)
        rms = (sum(_ulaw(b) ** 2 for b in data) / len(data)) ** 0.5
        assert rms > 300, n  # speech, not silence


def test_selfservice_prompts_cover_the_business_dialogue() -> None:
    """Every prompt the business platform's IVR dialogue plays through the hook is shipped."""
    sys.path.insert(0, str(SOUNDS))
    import make_prompts

    ivr = pytest.importorskip("servicedesk.growth.ivr")
    orders = pytest.importorskip("servicedesk.growth.orders")
    used = set(re.findall(r'"(ss-[a-z-]+)"', Path(ivr.__file__).read_text()))
    for cents in (0, 5, 70, 1234, 100000, 987654321, -250):
        used |= {w for w in orders.spoken_amount(cents) if w not in ivr._DIGIT}
    used |= {f"pkg-{code}" for code, _, _ in orders.DEFAULT_PACKAGES}
    assert used - {"zero"} <= set(make_prompts.SELFSERVICE_TEXTS), used - set(make_prompts.SELFSERVICE_TEXTS)
    for n in make_prompts.SELFSERVICE_TEXTS:
        data = (SOUNDS / f"{n}.ulaw").read_bytes()
        assert 0.3 < len(data) / 8000 < 20, n
        rms = (sum(_ulaw(b) ** 2 for b in data) / len(data)) ** 0.5
        assert rms > 300, n


def test_operator_guide_names_the_steps() -> None:
    guide = (ROOT / "asterisk" / "README.md").read_text()
    for word in ("Install", "acdcore-hook", "extensions.conf", "pjsip.conf", "ari.conf", "Verify", "telephony"):
        assert word in guide, word
