from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetBalanceRequest(_message.Message):
    __slots__ = ("account_number", "caller_number")
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    CALLER_NUMBER_FIELD_NUMBER: _ClassVar[int]
    account_number: str
    caller_number: str
    def __init__(self, account_number: _Optional[str] = ..., caller_number: _Optional[str] = ...) -> None: ...

class HeldPackage(_message.Message):
    __slots__ = ("package", "smart_card", "price_cents")
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_FIELD_NUMBER: _ClassVar[int]
    PRICE_CENTS_FIELD_NUMBER: _ClassVar[int]
    package: str
    smart_card: str
    price_cents: int
    def __init__(self, package: _Optional[str] = ..., smart_card: _Optional[str] = ..., price_cents: _Optional[int] = ...) -> None: ...

class GetBalanceResponse(_message.Message):
    __slots__ = ("balance_cents", "monthly_fee_cents", "packages", "spoken_balance", "spoken_monthly_fee", "account_number")
    BALANCE_CENTS_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_FEE_CENTS_FIELD_NUMBER: _ClassVar[int]
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    SPOKEN_BALANCE_FIELD_NUMBER: _ClassVar[int]
    SPOKEN_MONTHLY_FEE_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    balance_cents: int
    monthly_fee_cents: int
    packages: _containers.RepeatedCompositeFieldContainer[HeldPackage]
    spoken_balance: _containers.RepeatedScalarFieldContainer[str]
    spoken_monthly_fee: _containers.RepeatedScalarFieldContainer[str]
    account_number: str
    def __init__(self, balance_cents: _Optional[int] = ..., monthly_fee_cents: _Optional[int] = ..., packages: _Optional[_Iterable[_Union[HeldPackage, _Mapping]]] = ..., spoken_balance: _Optional[_Iterable[str]] = ..., spoken_monthly_fee: _Optional[_Iterable[str]] = ..., account_number: _Optional[str] = ...) -> None: ...

class ListPackagesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Package(_message.Message):
    __slots__ = ("code", "name", "price_cents")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRICE_CENTS_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    price_cents: int
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., price_cents: _Optional[int] = ...) -> None: ...

class ListPackagesResponse(_message.Message):
    __slots__ = ("packages",)
    PACKAGES_FIELD_NUMBER: _ClassVar[int]
    packages: _containers.RepeatedCompositeFieldContainer[Package]
    def __init__(self, packages: _Optional[_Iterable[_Union[Package, _Mapping]]] = ...) -> None: ...

class OrderPackageRequest(_message.Message):
    __slots__ = ("account_number", "smart_card", "package", "bank_account", "channel", "request_id")
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    BANK_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    account_number: str
    smart_card: str
    package: str
    bank_account: str
    channel: int
    request_id: str
    def __init__(self, account_number: _Optional[str] = ..., smart_card: _Optional[str] = ..., package: _Optional[str] = ..., bank_account: _Optional[str] = ..., channel: _Optional[int] = ..., request_id: _Optional[str] = ...) -> None: ...

class OrderStep(_message.Message):
    __slots__ = ("step", "phase", "detail", "at")
    STEP_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    step: str
    phase: str
    detail: str
    at: float
    def __init__(self, step: _Optional[str] = ..., phase: _Optional[str] = ..., detail: _Optional[str] = ..., at: _Optional[float] = ...) -> None: ...

class Order(_message.Message):
    __slots__ = ("order_id", "state", "kind", "smart_card", "package", "amount_cents", "failure", "steps")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_CENTS_FIELD_NUMBER: _ClassVar[int]
    FAILURE_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    order_id: int
    state: str
    kind: str
    smart_card: str
    package: str
    amount_cents: int
    failure: str
    steps: _containers.RepeatedCompositeFieldContainer[OrderStep]
    def __init__(self, order_id: _Optional[int] = ..., state: _Optional[str] = ..., kind: _Optional[str] = ..., smart_card: _Optional[str] = ..., package: _Optional[str] = ..., amount_cents: _Optional[int] = ..., failure: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[OrderStep, _Mapping]]] = ...) -> None: ...

class OrderPackageResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class CancelPackageRequest(_message.Message):
    __slots__ = ("account_number", "smart_card", "package", "channel", "request_id")
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    account_number: str
    smart_card: str
    package: str
    channel: int
    request_id: str
    def __init__(self, account_number: _Optional[str] = ..., smart_card: _Optional[str] = ..., package: _Optional[str] = ..., channel: _Optional[int] = ..., request_id: _Optional[str] = ...) -> None: ...

class CancelPackageResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class GetOrderRequest(_message.Message):
    __slots__ = ("order_id",)
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    order_id: int
    def __init__(self, order_id: _Optional[int] = ...) -> None: ...

class GetOrderResponse(_message.Message):
    __slots__ = ("order",)
    ORDER_FIELD_NUMBER: _ClassVar[int]
    order: Order
    def __init__(self, order: _Optional[_Union[Order, _Mapping]] = ...) -> None: ...

class RedeemCardRequest(_message.Message):
    __slots__ = ("serial", "pin", "caller", "account_number", "smart_card", "channel")
    SERIAL_FIELD_NUMBER: _ClassVar[int]
    PIN_FIELD_NUMBER: _ClassVar[int]
    CALLER_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SMART_CARD_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    serial: str
    pin: str
    caller: str
    account_number: str
    smart_card: str
    channel: int
    def __init__(self, serial: _Optional[str] = ..., pin: _Optional[str] = ..., caller: _Optional[str] = ..., account_number: _Optional[str] = ..., smart_card: _Optional[str] = ..., channel: _Optional[int] = ...) -> None: ...

class RedeemCardResponse(_message.Message):
    __slots__ = ("credited_cents", "balance_cents", "order_id", "order_state")
    CREDITED_CENTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_CENTS_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_STATE_FIELD_NUMBER: _ClassVar[int]
    credited_cents: int
    balance_cents: int
    order_id: int
    order_state: str
    def __init__(self, credited_cents: _Optional[int] = ..., balance_cents: _Optional[int] = ..., order_id: _Optional[int] = ..., order_state: _Optional[str] = ...) -> None: ...

class CreateCampaignRequest(_message.Message):
    __slots__ = ("name", "queue", "script", "package", "hours_start", "hours_end", "utc_offset", "weekdays", "max_attempts", "retry_spacing", "mode", "pacing_ratio", "preview_timeout")
    NAME_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_FIELD_NUMBER: _ClassVar[int]
    PACKAGE_FIELD_NUMBER: _ClassVar[int]
    HOURS_START_FIELD_NUMBER: _ClassVar[int]
    HOURS_END_FIELD_NUMBER: _ClassVar[int]
    UTC_OFFSET_FIELD_NUMBER: _ClassVar[int]
    WEEKDAYS_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    RETRY_SPACING_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    PACING_RATIO_FIELD_NUMBER: _ClassVar[int]
    PREVIEW_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    name: str
    queue: str
    script: str
    package: str
    hours_start: str
    hours_end: str
    utc_offset: int
    weekdays: str
    max_attempts: int
    retry_spacing: float
    mode: int
    pacing_ratio: float
    preview_timeout: float
    def __init__(self, name: _Optional[str] = ..., queue: _Optional[str] = ..., script: _Optional[str] = ..., package: _Optional[str] = ..., hours_start: _Optional[str] = ..., hours_end: _Optional[str] = ..., utc_offset: _Optional[int] = ..., weekdays: _Optional[str] = ..., max_attempts: _Optional[int] = ..., retry_spacing: _Optional[float] = ..., mode: _Optional[int] = ..., pacing_ratio: _Optional[float] = ..., preview_timeout: _Optional[float] = ...) -> None: ...

class CreateCampaignResponse(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: int
    def __init__(self, campaign_id: _Optional[int] = ...) -> None: ...

class ImportCampaignTargetsRequest(_message.Message):
    __slots__ = ("campaign_id", "csv", "has_service", "lacks_service", "area")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    HAS_SERVICE_FIELD_NUMBER: _ClassVar[int]
    LACKS_SERVICE_FIELD_NUMBER: _ClassVar[int]
    AREA_FIELD_NUMBER: _ClassVar[int]
    campaign_id: int
    csv: str
    has_service: int
    lacks_service: int
    area: str
    def __init__(self, campaign_id: _Optional[int] = ..., csv: _Optional[str] = ..., has_service: _Optional[int] = ..., lacks_service: _Optional[int] = ..., area: _Optional[str] = ...) -> None: ...

class ImportCampaignTargetsResponse(_message.Message):
    __slots__ = ("added", "do_not_call", "duplicate")
    ADDED_FIELD_NUMBER: _ClassVar[int]
    DO_NOT_CALL_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    added: int
    do_not_call: int
    duplicate: int
    def __init__(self, added: _Optional[int] = ..., do_not_call: _Optional[int] = ..., duplicate: _Optional[int] = ...) -> None: ...

class AddDoNotCallRequest(_message.Message):
    __slots__ = ("number", "reason")
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    number: str
    reason: str
    def __init__(self, number: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AddDoNotCallResponse(_message.Message):
    __slots__ = ("number",)
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    number: str
    def __init__(self, number: _Optional[str] = ...) -> None: ...

class SetCampaignStateRequest(_message.Message):
    __slots__ = ("campaign_id", "state")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    campaign_id: int
    state: int
    def __init__(self, campaign_id: _Optional[int] = ..., state: _Optional[int] = ...) -> None: ...

class SetCampaignStateResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RecordCampaignResultRequest(_message.Message):
    __slots__ = ("call_id", "agent_id", "result", "revenue_cents", "callback_time")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    REVENUE_CENTS_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_TIME_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    agent_id: str
    result: int
    revenue_cents: int
    callback_time: float
    def __init__(self, call_id: _Optional[str] = ..., agent_id: _Optional[str] = ..., result: _Optional[int] = ..., revenue_cents: _Optional[int] = ..., callback_time: _Optional[float] = ...) -> None: ...

class RecordCampaignResultResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCampaignReportRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: int
    def __init__(self, campaign_id: _Optional[int] = ...) -> None: ...

class CampaignAgentReport(_message.Message):
    __slots__ = ("agent_id", "contacts", "sales", "revenue_cents")
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    SALES_FIELD_NUMBER: _ClassVar[int]
    REVENUE_CENTS_FIELD_NUMBER: _ClassVar[int]
    agent_id: str
    contacts: int
    sales: int
    revenue_cents: int
    def __init__(self, agent_id: _Optional[str] = ..., contacts: _Optional[int] = ..., sales: _Optional[int] = ..., revenue_cents: _Optional[int] = ...) -> None: ...

class GetCampaignReportResponse(_message.Message):
    __slots__ = ("attempts", "contacts", "sales", "conversion", "revenue_cents", "agents", "csv", "svg", "previews_expired")
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CONTACTS_FIELD_NUMBER: _ClassVar[int]
    SALES_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_FIELD_NUMBER: _ClassVar[int]
    REVENUE_CENTS_FIELD_NUMBER: _ClassVar[int]
    AGENTS_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    SVG_FIELD_NUMBER: _ClassVar[int]
    PREVIEWS_EXPIRED_FIELD_NUMBER: _ClassVar[int]
    attempts: int
    contacts: int
    sales: int
    conversion: float
    revenue_cents: int
    agents: _containers.RepeatedCompositeFieldContainer[CampaignAgentReport]
    csv: str
    svg: str
    previews_expired: int
    def __init__(self, attempts: _Optional[int] = ..., contacts: _Optional[int] = ..., sales: _Optional[int] = ..., conversion: _Optional[float] = ..., revenue_cents: _Optional[int] = ..., agents: _Optional[_Iterable[_Union[CampaignAgentReport, _Mapping]]] = ..., csv: _Optional[str] = ..., svg: _Optional[str] = ..., previews_expired: _Optional[int] = ...) -> None: ...

class BeginCampaignCallRequest(_message.Message):
    __slots__ = ("call_id", "agent_id")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    agent_id: str
    def __init__(self, call_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class BeginCampaignCallResponse(_message.Message):
    __slots__ = ("allowed", "refusal", "number", "campaign_id", "queue")
    ALLOWED_FIELD_NUMBER: _ClassVar[int]
    REFUSAL_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    QUEUE_FIELD_NUMBER: _ClassVar[int]
    allowed: bool
    refusal: str
    number: str
    campaign_id: int
    queue: str
    def __init__(self, allowed: _Optional[bool] = ..., refusal: _Optional[str] = ..., number: _Optional[str] = ..., campaign_id: _Optional[int] = ..., queue: _Optional[str] = ...) -> None: ...

class ReportCampaignCallOutcomeRequest(_message.Message):
    __slots__ = ("call_id", "outcome", "agent_id", "detail")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    outcome: int
    agent_id: str
    detail: str
    def __init__(self, call_id: _Optional[str] = ..., outcome: _Optional[int] = ..., agent_id: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class ReportCampaignCallOutcomeResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PreviewNextTargetRequest(_message.Message):
    __slots__ = ("campaign_id", "agent_id")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: int
    agent_id: str
    def __init__(self, campaign_id: _Optional[int] = ..., agent_id: _Optional[str] = ...) -> None: ...

class PreviewNextTargetResponse(_message.Message):
    __slots__ = ("found", "call_id", "number", "name", "subscriber_id", "attempt", "script", "expires_at")
    FOUND_FIELD_NUMBER: _ClassVar[int]
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_ID_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_FIELD_NUMBER: _ClassVar[int]
    SCRIPT_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    found: bool
    call_id: str
    number: str
    name: str
    subscriber_id: int
    attempt: int
    script: str
    expires_at: float
    def __init__(self, found: _Optional[bool] = ..., call_id: _Optional[str] = ..., number: _Optional[str] = ..., name: _Optional[str] = ..., subscriber_id: _Optional[int] = ..., attempt: _Optional[int] = ..., script: _Optional[str] = ..., expires_at: _Optional[float] = ...) -> None: ...

class AcceptPreviewRequest(_message.Message):
    __slots__ = ("call_id", "agent_id")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    agent_id: str
    def __init__(self, call_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class AcceptPreviewResponse(_message.Message):
    __slots__ = ("placed", "refusal")
    PLACED_FIELD_NUMBER: _ClassVar[int]
    REFUSAL_FIELD_NUMBER: _ClassVar[int]
    placed: bool
    refusal: str
    def __init__(self, placed: _Optional[bool] = ..., refusal: _Optional[str] = ...) -> None: ...

class SkipPreviewRequest(_message.Message):
    __slots__ = ("call_id", "agent_id")
    CALL_ID_FIELD_NUMBER: _ClassVar[int]
    AGENT_ID_FIELD_NUMBER: _ClassVar[int]
    call_id: str
    agent_id: str
    def __init__(self, call_id: _Optional[str] = ..., agent_id: _Optional[str] = ...) -> None: ...

class SkipPreviewResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
