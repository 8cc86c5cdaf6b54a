"""The IVR (the seed's IVR/VRU): a greeting, then a DTMF menu with timeouts, retries and
invalid-choice handling. The menu plays with every option digit as an escape digit, so a
caller who knows the menu need not listen to it; then WAIT FOR DIGIT gives the time left.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..agi.protocol import Session
from ..config import Menu, MenuOption
from ..queueing.calls import CallerGone

if TYPE_CHECKING:
    from ..app import Hook

log = logging.getLogger("acdhook.ivr")


def digit_of(result: int) -> str | None:
    """The digit a STREAM FILE / WAIT FOR DIGIT result stands for (the ASCII code), or None."""
    if result <= 0:
        return None
    try:
        c = chr(result)
    except ValueError:
        return None
    return c if c in "0123456789*#ABCD" else None


async def play(hook: Hook, session: Session, prompt: str, escape: str = "") -> str | None:
    """Play a prompt by its config name; the digit that interrupted it, if any."""
    r = await session.stream_file(hook.cfg.prompts[prompt], escape)
    if r.value < 0 and session.dead:
        raise CallerGone()
    if r.value < 0:
        log.warning("prompt %s (%s) could not be played", prompt, hook.cfg.prompts[prompt])
    return digit_of(r.value)


async def run_menu(hook: Hook, session: Session, menu: Menu, call_id: str) -> MenuOption | None:
    escape = "".join(menu.options)
    for attempt in range(1, menu.retries + 1):
        digit = await play(hook, session, menu.prompt, escape)
        if digit is None:
            r = await session.wait_for_digit(int(menu.timeout * 1000))
            if r.value < 0:
                raise CallerGone()
            digit = digit_of(r.value)
        if digit is None:
            hook.qlog.write(call_id, "NONE", "NONE", "IVRTIMEOUT", menu.name, attempt)
            if attempt < menu.retries:
                await play(hook, session, "no_input")
            continue
        opt = menu.options.get(digit)
        if opt is None:
            hook.qlog.write(call_id, "NONE", "NONE", "IVRINVALID", menu.name, digit, attempt)
            if attempt < menu.retries:
                await play(hook, session, "invalid")
            continue
        hook.qlog.write(call_id, "NONE", "NONE", "IVRCHOICE", menu.name, digit, opt.label)
        return opt
    if menu.default:
        opt = menu.options[menu.default]
        hook.qlog.write(call_id, "NONE", "NONE", "IVRDEFAULT", menu.name, opt.digit, opt.label)
        return opt
    return None
