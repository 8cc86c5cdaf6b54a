"""Simulators of the outside systems growth services talk to, each its own process with its own
wire protocol on loopback: the digital-TV subscriber management system (:mod:`.sms`) and the
bank-debit gateway (:mod:`.bank`). ``python -m servicedesk.sims sms|bank --port-file F``."""
