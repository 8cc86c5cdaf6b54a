"""The desk.v1 API's generated Python code (``servicedesk.api.desk.v1``).

Generated from proto/desk/v1/*.proto by ``python -m servicedesk.api.generate``; never edit
``desk/v1/`` by hand (tests/servicedesk/test_desk_protos.py regenerates and compares).
"""
