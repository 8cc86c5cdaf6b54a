from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class TicketType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_TYPE_UNSPECIFIED: _ClassVar[TicketType]
    TICKET_TYPE_INQUIRY: _ClassVar[TicketType]
    TICKET_TYPE_SERVICE_ORDER: _ClassVar[TicketType]
    TICKET_TYPE_FAULT_REPAIR: _ClassVar[TicketType]
    TICKET_TYPE_COMPLAINT: _ClassVar[TicketType]
    TICKET_TYPE_SUGGESTION: _ClassVar[TicketType]

class TicketState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_STATE_UNSPECIFIED: _ClassVar[TicketState]
    TICKET_STATE_NEW: _ClassVar[TicketState]
    TICKET_STATE_ASSIGNED: _ClassVar[TicketState]
    TICKET_STATE_IN_PROGRESS: _ClassVar[TicketState]
    TICKET_STATE_RESOLVED: _ClassVar[TicketState]
    TICKET_STATE_FOLLOW_UP: _ClassVar[TicketState]
    TICKET_STATE_CLOSED: _ClassVar[TicketState]

class Channel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_UNSPECIFIED: _ClassVar[Channel]
    CHANNEL_PHONE: _ClassVar[Channel]
    CHANNEL_IVR: _ClassVar[Channel]
    CHANNEL_WEB: _ClassVar[Channel]
    CHANNEL_INTERNAL: _ClassVar[Channel]

class TicketPriority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_PRIORITY_UNSPECIFIED: _ClassVar[TicketPriority]
    TICKET_PRIORITY_LOW: _ClassVar[TicketPriority]
    TICKET_PRIORITY_NORMAL: _ClassVar[TicketPriority]
    TICKET_PRIORITY_HIGH: _ClassVar[TicketPriority]
    TICKET_PRIORITY_URGENT: _ClassVar[TicketPriority]

class HistoryAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HISTORY_ACTION_UNSPECIFIED: _ClassVar[HistoryAction]
    HISTORY_ACTION_CREATED: _ClassVar[HistoryAction]
    HISTORY_ACTION_TRANSITION: _ClassVar[HistoryAction]
    HISTORY_ACTION_ASSIGNMENT: _ClassVar[HistoryAction]
    HISTORY_ACTION_COMMENT: _ClassVar[HistoryAction]
    HISTORY_ACTION_UPDATE: _ClassVar[HistoryAction]
    HISTORY_ACTION_LINK: _ClassVar[HistoryAction]
    HISTORY_ACTION_ESCALATION: _ClassVar[HistoryAction]
    HISTORY_ACTION_FOLLOW_UP: _ClassVar[HistoryAction]
    HISTORY_ACTION_OUTAGE: _ClassVar[HistoryAction]

class ServiceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVICE_KIND_UNSPECIFIED: _ClassVar[ServiceKind]
    SERVICE_KIND_ANALOG_TV: _ClassVar[ServiceKind]
    SERVICE_KIND_DIGITAL_TV: _ClassVar[ServiceKind]
    SERVICE_KIND_BROADBAND: _ClassVar[ServiceKind]

class SubscriberStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SUBSCRIBER_STATUS_UNSPECIFIED: _ClassVar[SubscriberStatus]
    SUBSCRIBER_STATUS_ACTIVE: _ClassVar[SubscriberStatus]
    SUBSCRIBER_STATUS_SUSPENDED: _ClassVar[SubscriberStatus]
    SUBSCRIBER_STATUS_CLOSED: _ClassVar[SubscriberStatus]

class CallbackKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALLBACK_KIND_UNSPECIFIED: _ClassVar[CallbackKind]
    CALLBACK_KIND_FOLLOW_UP: _ClassVar[CallbackKind]
    CALLBACK_KIND_REQUEST: _ClassVar[CallbackKind]

class CallbackState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALLBACK_STATE_UNSPECIFIED: _ClassVar[CallbackState]
    CALLBACK_STATE_SCHEDULED: _ClassVar[CallbackState]
    CALLBACK_STATE_QUEUED: _ClassVar[CallbackState]
    CALLBACK_STATE_OFFERED: _ClassVar[CallbackState]
    CALLBACK_STATE_CONNECTED: _ClassVar[CallbackState]
    CALLBACK_STATE_AWAITING_OUTCOME: _ClassVar[CallbackState]
    CALLBACK_STATE_DONE: _ClassVar[CallbackState]
    CALLBACK_STATE_FAILED: _ClassVar[CallbackState]
    CALLBACK_STATE_CANCELLED: _ClassVar[CallbackState]

class CallbackOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALLBACK_OUTCOME_UNSPECIFIED: _ClassVar[CallbackOutcome]
    CALLBACK_OUTCOME_CONFIRMED: _ClassVar[CallbackOutcome]
    CALLBACK_OUTCOME_NOT_SOLVED: _ClassVar[CallbackOutcome]
    CALLBACK_OUTCOME_NO_ANSWER: _ClassVar[CallbackOutcome]
    CALLBACK_OUTCOME_DECLINED: _ClassVar[CallbackOutcome]

class OutageState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OUTAGE_STATE_UNSPECIFIED: _ClassVar[OutageState]
    OUTAGE_STATE_ACTIVE: _ClassVar[OutageState]
    OUTAGE_STATE_CLOSED: _ClassVar[OutageState]

class FaultSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FAULT_SOURCE_UNSPECIFIED: _ClassVar[FaultSource]
    FAULT_SOURCE_TICKET: _ClassVar[FaultSource]
    FAULT_SOURCE_IVR: _ClassVar[FaultSource]

class NoticeOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTICE_OUTCOME_UNSPECIFIED: _ClassVar[NoticeOutcome]
    NOTICE_OUTCOME_DEFLECTED: _ClassVar[NoticeOutcome]
    NOTICE_OUTCOME_QUEUED: _ClassVar[NoticeOutcome]

class AlertKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_KIND_UNSPECIFIED: _ClassVar[AlertKind]
    ALERT_KIND_OUTAGE_DETECTED: _ClassVar[AlertKind]
    ALERT_KIND_OUTAGE_CLOSED: _ClassVar[AlertKind]
    ALERT_KIND_TICKET_OVERDUE: _ClassVar[AlertKind]
    ALERT_KIND_CALLBACK_FAILED: _ClassVar[AlertKind]

class ReportKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_KIND_UNSPECIFIED: _ClassVar[ReportKind]
    REPORT_KIND_QUEUE: _ClassVar[ReportKind]
    REPORT_KIND_AGENT: _ClassVar[ReportKind]
    REPORT_KIND_TICKETS: _ClassVar[ReportKind]
    REPORT_KIND_SLA: _ClassVar[ReportKind]
    REPORT_KIND_OUTAGES: _ClassVar[ReportKind]
    REPORT_KIND_CALLBACKS: _ClassVar[ReportKind]

class Granularity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRANULARITY_UNSPECIFIED: _ClassVar[Granularity]
    GRANULARITY_HOUR: _ClassVar[Granularity]
    GRANULARITY_DAY: _ClassVar[Granularity]
    GRANULARITY_TOTAL: _ClassVar[Granularity]
TICKET_TYPE_UNSPECIFIED: TicketType
TICKET_TYPE_INQUIRY: TicketType
TICKET_TYPE_SERVICE_ORDER: TicketType
TICKET_TYPE_FAULT_REPAIR: TicketType
TICKET_TYPE_COMPLAINT: TicketType
TICKET_TYPE_SUGGESTION: TicketType
TICKET_STATE_UNSPECIFIED: TicketState
TICKET_STATE_NEW: TicketState
TICKET_STATE_ASSIGNED: TicketState
TICKET_STATE_IN_PROGRESS: TicketState
TICKET_STATE_RESOLVED: TicketState
TICKET_STATE_FOLLOW_UP: TicketState
TICKET_STATE_CLOSED: TicketState
CHANNEL_UNSPECIFIED: Channel
CHANNEL_PHONE: Channel
CHANNEL_IVR: Channel
CHANNEL_WEB: Channel
CHANNEL_INTERNAL: Channel
TICKET_PRIORITY_UNSPECIFIED: TicketPriority
TICKET_PRIORITY_LOW: TicketPriority
TICKET_PRIORITY_NORMAL: TicketPriority
TICKET_PRIORITY_HIGH: TicketPriority
TICKET_PRIORITY_URGENT: TicketPriority
HISTORY_ACTION_UNSPECIFIED: HistoryAction
HISTORY_ACTION_CREATED: HistoryAction
HISTORY_ACTION_TRANSITION: HistoryAction
HISTORY_ACTION_ASSIGNMENT: HistoryAction
HISTORY_ACTION_COMMENT: HistoryAction
HISTORY_ACTION_UPDATE: HistoryAction
HISTORY_ACTION_LINK: HistoryAction
HISTORY_ACTION_ESCALATION: HistoryAction
HISTORY_ACTION_FOLLOW_UP: HistoryAction
HISTORY_ACTION_OUTAGE: HistoryAction
SERVICE_KIND_UNSPECIFIED: ServiceKind
SERVICE_KIND_ANALOG_TV: ServiceKind
SERVICE_KIND_DIGITAL_TV: ServiceKind
SERVICE_KIND_BROADBAND: ServiceKind
SUBSCRIBER_STATUS_UNSPECIFIED: SubscriberStatus
SUBSCRIBER_STATUS_ACTIVE: SubscriberStatus
SUBSCRIBER_STATUS_SUSPENDED: SubscriberStatus
SUBSCRIBER_STATUS_CLOSED: SubscriberStatus
CALLBACK_KIND_UNSPECIFIED: CallbackKind
CALLBACK_KIND_FOLLOW_UP: CallbackKind
CALLBACK_KIND_REQUEST: CallbackKind
CALLBACK_STATE_UNSPECIFIED: CallbackState
CALLBACK_STATE_SCHEDULED: CallbackState
CALLBACK_STATE_QUEUED: CallbackState
CALLBACK_STATE_OFFERED: CallbackState
CALLBACK_STATE_CONNECTED: CallbackState
CALLBACK_STATE_AWAITING_OUTCOME: CallbackState
CALLBACK_STATE_DONE: CallbackState
CALLBACK_STATE_FAILED: CallbackState
CALLBACK_STATE_CANCELLED: CallbackState
CALLBACK_OUTCOME_UNSPECIFIED: CallbackOutcome
CALLBACK_OUTCOME_CONFIRMED: CallbackOutcome
CALLBACK_OUTCOME_NOT_SOLVED: CallbackOutcome
CALLBACK_OUTCOME_NO_ANSWER: CallbackOutcome
CALLBACK_OUTCOME_DECLINED: CallbackOutcome
OUTAGE_STATE_UNSPECIFIED: OutageState
OUTAGE_STATE_ACTIVE: OutageState
OUTAGE_STATE_CLOSED: OutageState
FAULT_SOURCE_UNSPECIFIED: FaultSource
FAULT_SOURCE_TICKET: FaultSource
FAULT_SOURCE_IVR: FaultSource
NOTICE_OUTCOME_UNSPECIFIED: NoticeOutcome
NOTICE_OUTCOME_DEFLECTED: NoticeOutcome
NOTICE_OUTCOME_QUEUED: NoticeOutcome
ALERT_KIND_UNSPECIFIED: AlertKind
ALERT_KIND_OUTAGE_DETECTED: AlertKind
ALERT_KIND_OUTAGE_CLOSED: AlertKind
ALERT_KIND_TICKET_OVERDUE: AlertKind
ALERT_KIND_CALLBACK_FAILED: AlertKind
REPORT_KIND_UNSPECIFIED: ReportKind
REPORT_KIND_QUEUE: ReportKind
REPORT_KIND_AGENT: ReportKind
REPORT_KIND_TICKETS: ReportKind
REPORT_KIND_SLA: ReportKind
REPORT_KIND_OUTAGES: ReportKind
REPORT_KIND_CALLBACKS: ReportKind
GRANULARITY_UNSPECIFIED: Granularity
GRANULARITY_HOUR: Granularity
GRANULARITY_DAY: Granularity
GRANULARITY_TOTAL: Granularity
