"""FastAGI: the wire protocol (protocol.py) and the listener (server.py)."""

from .protocol import AgiEnv, AgiError, CommandFailed, ConnectionLost, HeaderError, Reply, Session
from .server import FastAgiServer

__all__ = ["AgiEnv", "AgiError", "CommandFailed", "ConnectionLost", "FastAgiServer", "HeaderError", "Reply",
           "Session"]
