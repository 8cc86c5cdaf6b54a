"""The shipped default configuration: the cable-TV hotline (``acdcore serve`` with no arguments).

``acdcore serve --print-default-config > acdcore.toml`` writes it out to start your own.
"""

DEFAULT_CONFIG = '''\
# acdcore configuration: the hotline of a city cable-TV operator (analog and digital TV,
# cable broadband), one special service number for every kind of customer contact.
# Durations are seconds. Paths are relative to this file's directory (the current
# directory for the built-in default). Reload with SIGHUP; restart for [server] and [tls].

[server]
# plaintext is allowed on loopback only, unless allow_insecure = true; see [tls]
listen = ["127.0.0.1:50051"]
state_dir = "var"                  # the journal lives in <state_dir>/journal
fsync = true                       # never turn off in production: acknowledged = durable
max_receive_message_bytes = 1048576
max_concurrent_rpcs = 2000         # RPCs in progress at once, streams included
max_streams = 200                  # WatchEvents + WatchCall streams at once
max_connection_streams = 200       # HTTP/2 streams per connection
subscriber_buffer = 20000          # events buffered per stream before it is dropped
event_history = 200000             # released events kept for WatchEvents resume
grace_period = 5.0                 # SIGTERM: seconds to finish RPCs in progress
keepalive_time = 30.0              # server pings an idle connection this often
keepalive_timeout = 10.0
min_client_ping_interval = 10.0    # clients pinging more often are disconnected
seed = 0                           # random strategies' seed (fixed by the journal's first start)
snapshot_every = 100000            # journal records between snapshots
journal_preallocate = true         # segments zero-filled ahead, overwritten in place (steadier fdatasync)
journal_segment_bytes = 67108864   # largest journal segment (a new journal starts at 4 MiB, doubling)

[tls]
# cert_file = "server.crt"
# key_file = "server.key"
# client_ca_file = "ca.crt"        # set: clients must present a certificate it signed (mTLS)

[auth]
# Bearer tokens ("authorization: Bearer <token>"), each with a role: admin, supervisor,
# agent (agent_id: acts only as that agent), telephony (the Asterisk hooks), business.
# token_file holds more [[tokens]] in the same form; the built-in default creates
# <state_dir>/tokens.toml with one random token per role on its first start.
token_file = "var/tokens.toml"
# [[auth.tokens]]
# name = "asterisk"
# role = "telephony"
# token_env = "ACDCORE_TELEPHONY_TOKEN"   # or token = "..." (at least 16 characters)

[skills]
general = "general inquiry: products, channels, prices, coverage"
billing = "fee and account queries, payments, prepaid service cards"
repair = "fault repair: no signal, set-top box, cabling"
broadband = "cable broadband faults and set-up"
complaints = "complaints and suggestions"
orders = "service orders: new lines, moves, package changes, self-service activation"
senior = "senior agents: transfers, escalations, booked callbacks"

# Queues. Calls wait PRIORITY first (long-distance, transferred, booked), then by arrival.
[[queues]]
name = "general"
description = "general inquiry"
strategy = "longest_idle"
wrap_up = 10
max_waiting = 200
service_level_threshold = 20
skills = { general = 1 }
max_penalty = 0
penalty_rules = [ { after = 30, max_penalty = 1 }, { after = 90, max_penalty = 2 } ]
max_priority_overtake = 120
default_handle_time = 150

[[queues]]
name = "billing"
description = "fee and account queries"
strategy = "longest_idle"
wrap_up = 15
max_waiting = 150
service_level_threshold = 20
skills = { billing = 1 }
max_penalty = 0
penalty_rules = [ { after = 40, max_penalty = 2 } ]
max_priority_overtake = 120
default_handle_time = 180

[[queues]]
name = "escalation"
description = "transfer and priority path: senior agents"
strategy = "highest_skill"
wrap_up = 30
max_waiting = 50
service_level_threshold = 30
skills = { senior = 1 }
default_handle_time = 300

[[queues]]
name = "repair"
description = "fault repair reports"
strategy = "longest_idle"
wrap_up = 30
max_waiting = 150
service_level_threshold = 30
skills = { repair = 1 }
max_penalty = 0
penalty_rules = [ { after = 60, max_penalty = 1 } ]
overflow_after = 600
overflow_target = "escalation"
max_priority_overtake = 180
default_handle_time = 240

[[queues]]
name = "complaints"
description = "complaints and suggestions"
strategy = "highest_skill"
wrap_up = 45
max_waiting = 100
service_level_threshold = 30
skills = { complaints = 1 }
max_penalty = 0
penalty_rules = [ { after = 45, max_penalty = 1 } ]
default_handle_time = 300

[[queues]]
name = "orders"
description = "service orders"
strategy = "fewest_calls"
wrap_up = 20
max_waiting = 100
service_level_threshold = 30
skills = { orders = 1 }
max_penalty = 0
penalty_rules = [ { after = 60, max_penalty = 2 } ]
default_handle_time = 240

# Prefix analysis. The hotline is 96655; the IVR appends the menu choice to the dialled
# number. Callers from outside the local area code 0459 (Daqing) are long-distance and wait
# in the PRIORITY class, as the seed asks.
[[routes]]
pattern = "96655"
field = "dialled"
menu = "main"
label = "hotline: IVR main menu"

[[routes]]
pattern = "966551"
field = "dialled"
queue = "general"
label = "menu 1: general inquiry"

[[routes]]
pattern = "966552"
field = "dialled"
queue = "billing"
label = "menu 2: fees and accounts"

[[routes]]
pattern = "966553"
field = "dialled"
queue = "repair"
label = "menu 3: fault repair"

[[routes]]
pattern = "966554"
field = "dialled"
queue = "complaints"
label = "menu 4: complaints and suggestions"

[[routes]]
pattern = "966555"
field = "dialled"
queue = "orders"
label = "menu 5: service orders"

[[routes]]
pattern = "966559"
field = "dialled"
queue = "escalation"
priority = "priority"
label = "menu 9: booked callback"

[[routes]]
pattern = "0459"
field = "caller"
priority = "normal"
label = "local area code 0459"

[[routes]]
pattern = "_0ZX."
field = "caller"
priority = "priority"
label = "long distance: another area code"

[[routes]]
pattern = "_00."
field = "caller"
priority = "priority"
label = "international"

# Agents: skills (level 1-10) and queue memberships (queue = penalty, served in this order).
# general inquiry, first line
[[agents]]
id = "a01"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a02"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a03"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a04"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a05"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a06"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a07"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a08"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a09"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

[[agents]]
id = "a10"
skills = { general = 5, billing = 3 }
queues = { general = 0, billing = 1 }

# fees and accounts
[[agents]]
id = "a11"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a12"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a13"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a14"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a15"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

[[agents]]
id = "a16"
skills = { billing = 5, general = 3 }
queues = { billing = 0, general = 1 }

# fault repair desk
[[agents]]
id = "a17"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a18"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a19"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a20"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a21"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a22"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a23"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

[[agents]]
id = "a24"
skills = { repair = 5, broadband = 4, general = 2 }
queues = { repair = 0, general = 2 }

# complaints and suggestions
[[agents]]
id = "a25"
skills = { complaints = 5, general = 3 }
queues = { complaints = 0, general = 2 }

[[agents]]
id = "a26"
skills = { complaints = 5, general = 3 }
queues = { complaints = 0, general = 2 }

[[agents]]
id = "a27"
skills = { complaints = 5, general = 3 }
queues = { complaints = 0, general = 2 }

[[agents]]
id = "a28"
skills = { complaints = 5, general = 3 }
queues = { complaints = 0, general = 2 }

# service orders
[[agents]]
id = "a29"
skills = { orders = 5, billing = 2 }
queues = { orders = 0, billing = 2 }

[[agents]]
id = "a30"
skills = { orders = 5, billing = 2 }
queues = { orders = 0, billing = 2 }

[[agents]]
id = "a31"
skills = { orders = 5, billing = 2 }
queues = { orders = 0, billing = 2 }

[[agents]]
id = "a32"
skills = { orders = 5, billing = 2 }
queues = { orders = 0, billing = 2 }

# senior agents: transfers, booked calls
[[agents]]
id = "a33"
skills = { senior = 5, complaints = 4, repair = 3, broadband = 3 }
queues = { escalation = 0, complaints = 1, repair = 1 }

[[agents]]
id = "a34"
skills = { senior = 5, complaints = 4, repair = 3, broadband = 3 }
queues = { escalation = 0, complaints = 1, repair = 1 }

[[agents]]
id = "a35"
skills = { senior = 5, complaints = 4, repair = 3, broadband = 3 }
queues = { escalation = 0, complaints = 1, repair = 1 }

[[agents]]
id = "a36"
skills = { senior = 5, complaints = 4, repair = 3, broadband = 3 }
queues = { escalation = 0, complaints = 1, repair = 1 }
'''
