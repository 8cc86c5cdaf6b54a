"""Routing: prefix analysis and the routing table."""

from __future__ import annotations

from acdcore import Route, RouteDecision

from .. import ops
from ..common import ServiceBase

LOOKUP_FIELDS = {"caller": "caller", "dialled": "dialled", "number": "dialled"}


class RoutingService(ServiceBase):
    def lookup(self, caller: str, dialled: str) -> RouteDecision:
        from ..calls.service import check_numbers

        check_numbers(caller, dialled)
        return self.query(lambda c: c.lookup_number(caller, dialled), LOOKUP_FIELDS)

    async def replace(self, routes: list[Route]) -> tuple[int, int]:
        return await self.run("replace_routes", {"routes": [ops.route_to_dict(r) for r in routes]},
                              fields={"routes": "routes"},
                              after=lambda core, version: (version, len(core.routes)))

    def list(self) -> tuple[list[Route], int]:
        return self.query(lambda c: (list(c.routes.routes), c.routes_version))
