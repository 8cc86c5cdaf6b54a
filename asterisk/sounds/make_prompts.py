#!/usr/bin/env python3
"""Generate the hook's prompts with espeak-ng and sox: raw G.711 u-law, 8 kHz mono
(Asterisk's ``ulaw`` format), one file per prompt of acdhook.config.PROMPTS, and the
prompts of the business platform's self-service dialogue (SELFSERVICE_TEXTS).

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

#: the business platform's self-service dialogue (servicedesk.growth.ivr, played by the hook
#: on the caller's channel as acdcore/<name>; digits are Asterisk's digits/N): its prompt
#: names, the amount units of spoken_amount(), and the default package catalogue
SELFSERVICE_TEXTS = {
    "ss-enter-account": "Please enter your account number, then press the hash key.",
    "ss-account-unknown": "Sorry, we could not find that account.",
    "ss-unavailable": "Sorry, this service is not available at the moment.",
    "ss-balance-is": "Your balance is",
    "ss-monthly-fee-is": "Your monthly fee is",
    "ss-per-month": "per month.",
    "ss-for": "For",
    "ss-press": "press",
    "ss-choose": "Please choose a package.",
    "ss-enter-smart-card": "Please enter the number of your smart card, then press the hash key.",
    "ss-enter-bank-account": "Please enter the bank account to be debited, then press the hash key.",
    "ss-price-is": "The price is",
    "ss-confirm": "To confirm, press 1. To cancel, press any other key.",
    "ss-not-ordered": "Nothing has been ordered.",
    "ss-order-refused": "Sorry, this order cannot be accepted.",
    "ss-order-done": "Thank you. Your package is now active.",
    "ss-order-failed": "Sorry, your order could not be completed. Nothing has been charged.",
    "ss-payment-refused": "Sorry, the bank refused the payment. Nothing has been ordered.",
    "ss-order-pending": "Your request is being processed. You will receive a confirmation.",
    "ss-no-packages": "You have no packages that can be cancelled.",
    "ss-cancel-done": "Your package has been cancelled.",
    "ss-enter-card-serial": "Please enter the serial number of your service card, then press the hash key.",
    "ss-enter-card-pin": "Please enter the PIN of your service card, then press the hash key.",
    "ss-card-invalid": "Sorry, that card number or PIN is not valid.",
    "ss-card-locked": "Sorry, too many wrong attempts. Please try again later or speak to an agent.",
    "ss-card-used": "Sorry, this card has already been used.",
    "ss-card-not-valid": "Sorry, this card cannot be used.",
    "ss-card-credited": "Thank you. Your account has been credited with",
    "ten": "ten", "hundred": "hundred", "thousand": "thousand", "ten-thousand": "ten thousand",
    "yuan": "yuan", "jiao": "jiao", "fen": "fen", "minus": "minus",
    "pkg-HD-BASIC": "the H D basic package", "pkg-SPORTS": "the sports package", "pkg-MOVIES": "the movies package",
    "pkg-KIDS": "the kids package", "pkg-DRAMA": "the drama package", "pkg-NEWS-PLUS": "the news plus package",
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
    for name, text in {**TEXTS, **SELFSERVICE_TEXTS}.items():
        p = make(name, text, args.out, args.voice, args.speed)
        print(f"{p.name}: {p.stat().st_size / 8000:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
