"""Queueing: enqueue, the wait (music, announcements, DTMF, offers), the dial to the agent."""
