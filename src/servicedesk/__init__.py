"""servicedesk: the business platform of the hotline (subscribers, work orders, screen pop,
follow-up callbacks, major-outage early warning, reports, backup and restore).

It meets the support platform (acdcore) only through the standard interface: the acd.v1 gRPC
API and its Python binding ``acdcore_client``; it never imports the core. It serves its own
API, desk.v1, to IVR hooks, agent desktops and other applications. See docs/servicedesk.md.
"""

__version__ = "0.1.0"
