"""Growth services (seed section 3): self-service package orders through the SMS system paid by
bank debit (a journaled, resumable saga), prepaid service cards, telemarketing campaigns.

* :mod:`.schema` tables, :func:`.schema.create`
* :mod:`.adapters` SMS and bank adapter interfaces and the simulator clients
* :mod:`.saga` the order saga, crash recovery, :func:`.saga.check_consistency`
* :mod:`.orders` self-service API (balance with spoken amounts, packages, order, cancel)
* :mod:`.cards` prepaid service cards (batches, PIN hashes, redemption, lockout, audit)
* :mod:`.campaigns` telemarketing campaigns (targets, compliance, dialer pacing, results, reports)
* :mod:`.worker` the saga worker process
"""
