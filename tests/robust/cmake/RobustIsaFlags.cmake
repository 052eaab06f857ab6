# SQUASH_ISA_LIST ("name=flags") as SQUASH_ROBUST_ISAS and
# SQUASH_ROBUST_ISA_FLAGS_<name>; shared by the main build and sub-builds.
set(SQUASH_ROBUST_ISAS "")
foreach(_isa IN LISTS SQUASH_ISA_LIST)
  string(FIND "${_isa}" "=" _eq)
  string(SUBSTRING "${_isa}" 0 ${_eq} _name)
  math(EXPR _eq "${_eq} + 1")
  string(SUBSTRING "${_isa}" ${_eq} -1 _flags)
  separate_arguments(_flags)
  list(APPEND SQUASH_ROBUST_ISAS ${_name})
  set(SQUASH_ROBUST_ISA_FLAGS_${_name} ${_flags})
endforeach()
