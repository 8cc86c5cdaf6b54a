"""The work-order state machine.

    NEW -> ASSIGNED -> IN_PROGRESS -> RESOLVED -> FOLLOW_UP -> CLOSED     (fault repair, complaint)
                                      RESOLVED -> CLOSED                 (inquiry, service order, suggestion)
    FOLLOW_UP -> ASSIGNED, CLOSED -> ASSIGNED                            (reopen)

Fault repairs and complaints must go through FOLLOW_UP (the follow-up visit, 回访); the other
types, and the desk's own INTERNAL master work orders, close straight from RESOLVED. Entering ASSIGNED needs an assignee (department, team or
agent). Reassigning (AssignTicket) keeps ASSIGNED, and turns NEW or IN_PROGRESS into ASSIGNED.
"""

from __future__ import annotations

from ..enums import FOLLOW_UP_TYPES, Channel, TicketState, TicketType
from ..errors import IllegalTransition

S = TicketState

_BASE: dict[TicketState, frozenset[TicketState]] = {
    S.NEW: frozenset({S.ASSIGNED}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.RESOLVED}),
    S.RESOLVED: frozenset(),  # by type, below
    S.FOLLOW_UP: frozenset({S.CLOSED, S.ASSIGNED}),
    S.CLOSED: frozenset({S.ASSIGNED}),
}

#: states in which a ticket is still being worked on (overdue tickets escalate from these)
OPEN_WORK = (S.NEW, S.ASSIGNED, S.IN_PROGRESS)
#: states shown as "open" on a screen pop
NOT_CLOSED = (S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.FOLLOW_UP)
#: states in which AssignTicket is allowed
ASSIGNABLE = (S.NEW, S.ASSIGNED, S.IN_PROGRESS)


def needs_follow_up(ticket_type: TicketType, channel: int = 0) -> bool:
    """Fault repairs and complaints of subscribers (not the desk's own INTERNAL master orders)."""
    return ticket_type in FOLLOW_UP_TYPES and channel != Channel.INTERNAL


def allowed(ticket_type: TicketType, state: TicketState, channel: int = 0) -> frozenset[TicketState]:
    if state == S.RESOLVED:
        return frozenset({S.FOLLOW_UP}) if needs_follow_up(ticket_type, channel) else frozenset({S.CLOSED})
    return _BASE[state]


def check(ticket_id: int, ticket_type: TicketType, state: TicketState, to: TicketState, channel: int = 0) -> None:
    ok = allowed(ticket_type, state, channel)
    if to not in ok:
        names = ", ".join(sorted(s.name for s in ok)) or "none"
        why = ""
        if state == S.RESOLVED and to == S.CLOSED:
            why = f" ({ticket_type.name} tickets close through FOLLOW_UP: the follow-up visit)"
        elif state == to:
            why = " (it is already there)"
        raise IllegalTransition(f"ticket {ticket_id} cannot go from {state.name} to {to.name}{why}; "
                                f"allowed from {state.name}: {names}",
                                ticket_id=ticket_id, from_state=state.name, to_state=to.name, allowed=names)


def path_to_resolved(state: TicketState) -> list[TicketState]:
    """The legal steps from an open state to RESOLVED (closing an outage resolves its tickets)."""
    order = [S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED]
    if state not in order:
        return []
    return order[order.index(state) + 1:]
