"""Hand-off: what leaves ``dist/`` for other systems — FHIR bundles for records, the catalog page, OPDS, sitemap.

Pure functions from small records to bytes; the build (:mod:`publisher.build.handoff`) feeds them
and writes what they return, so this package never touches the output folder itself.
"""
