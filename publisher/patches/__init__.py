"""The only places where publisher changes how third-party or standard-library code behaves.

Each one is kept because it saves at least a tenth of a time a user waits for, measured
before and after removal in the same run (benchmarks/README.md, "Patches"), and each has a
test that fails when the upstream behaviour it works around changes, so it is removed
rather than kept out of habit:

- ``find_library``: WeasyPrint is imported with an ldconfig-only shared-library search
  (WeasyPrint issue #1125); the seed's cold build 1.62 s → 1.38 s.
- ``gcpause``: one-time start-up work runs without the cyclic garbage collector, then is
  frozen; the seed's cold build 1.53 s → 1.38 s, 2.04 → 1.70 s at ``-j1``.
"""
