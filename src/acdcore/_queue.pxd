# cython: language_level=3
# C-level API of the compiled ACD core. Other Cython extensions may `cimport acdcore._queue`.
include "_routes_decl.pxi"
include "_core_decl.pxi"
