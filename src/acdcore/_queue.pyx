# cython: language_level=3
"""The compiled ACD core: one extension assembled from the include files below."""
include "_routes.pxi"
include "_structs.pxi"
include "_core.pxi"
