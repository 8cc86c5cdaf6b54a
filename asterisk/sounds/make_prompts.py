#!/usr/bin/env python3
"""Generate the hook's prompts with espeak-ng and sox: raw G.711 u-law, 8 kHz mono
(Asterisk's ``ulaw`` format), one file per prompt of acdhook.config.PROMPTS.

    apt-get install espeak-ng sox
    python3 asterisk/sounds/make_prompts.py            # writes asterisk/sounds/*.ulaw
    install -d /var/lib/asterisk/sounds/acdcore && cp asterisk/sounds/*.ulaw /var/lib/asterisk/sounds/acdcore/

Record your own with the same names to replace them (``sox in.wav -r 8000 -c 1 -t ul name.ulaw``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

TEXTS = {
    "welcome": "Welcome to the cable TV and broadband service hotline.",
    "menu-main": ("For service inquiries, press 1. For fees and your account, press 2. To report a fault, "
                  "press 3. For complaints and suggestions, press 4. For service orders, press 5. "
                  "To speak to an agent, press 0."),
    "invalid": "Sorry, that is not a valid choice.",
    "no-input": "Sorry, we did not receive your choice.",
    "goodbye": "Thank you for calling. Goodbye.",
    "blocked": "Sorry, calls from your number cannot be served on this line. Goodbye.",
    "all-busy": "All our lines are busy at the moment. Please call again later. Goodbye.",
    "closed": "Sorry, no agent can take your call at the moment. Please call again later.",
    "please-hold": "Please hold, your call will be answered by the next available agent.",
    "position": "You are caller number",
    "ewt": "Your expected waiting time is about",
    "minutes": "minutes.",
    "callback-offer": "To be called back instead of waiting, keeping your place in line, press 1.",
    "callback-confirm": "Thank you. We will call you back at this number. You keep your place in line. Goodbye.",
    "callback-unavailable": "Sorry, we cannot call back this number. Please stay on the line.",
    "selfservice-unavailable": "Self service is not available at the moment. We will connect you to an agent.",
    "connecting": "Connecting you to an agent.",
    "agent-logged-in": "Agent logged in.",
    "agent-logged-out": "Agent logged out.",
    "agent-paused": "Agent paused.",
    "agent-ready": "Agent ready.",
    "agent-error": "Sorry, that could not be done.",
    "transfer-failed": "Sorry, the transfer failed.",
    "technical-problem": "Sorry, we have a technical problem. Please hold.",
}


def make(name: str, text: str, out: Path, voice: str, speed: int) -> Path:
    target = out / f"{name}.ulaw"
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "tts.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(wav), text], check=True)
        subprocess.run(["sox", str(wav), "-r", "8000", "-c", "1", "-t", "ul", str(target)], check=True)
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--voice", default="en-us")
    ap.add_argument("--speed", type=int, default=150)
    args = ap.parse_args()
    for name, text in TEXTS.items():
        p = make(name, text, args.out, args.voice, args.speed)
        print(f"{p.name}: {p.stat().st_size / 8000:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
