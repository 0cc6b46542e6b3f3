"""The build pipeline: plan → schedule → render → write → record.

- ``plan``: what decides the outputs (:class:`~publisher.build.plan.BuildPlan`), their names,
  and which sources are stale (with ``keys``: what each output's bytes depend on).
- ``schedule`` and ``session``: where rendering runs (this process, local workers, Dask)
  and how chunks of work are made (``tasks``).
- ``render``: one source to bytes in memory, in whichever process runs it.
- ``write``: every output of a source staged, then renamed into place, all or nothing.
- ``manifest``: what each output was built from, so the next build skips it.
- ``run`` ties the stages together; ``watch`` reruns them on every save; ``progress`` reports.
"""
