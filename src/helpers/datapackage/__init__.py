"""The data package: the descriptor, the problems it can name, typed tables, the rules, validation.

This layer knows files and rules only; it imports nothing else of the helpers but
:mod:`helpers.paths`. The loaded dataset (:class:`helpers.data.Evidence`) is built on it.
"""

from .descriptor import (
    DESCRIPTOR,
    HASHES,
    UnsafePathError,
    changed_files,
    field_types,
    record_hashes,
    resource,
    resource_names,
    resource_path,
)
from .problems import Problem
from .tables import period_end, read_table
from .validation import (
    DataChangedWarning,
    DataValidationError,
    PlausibilityWarning,
    as_recorded,
    check,
    check_paths,
    flags,
    validate,
)

__all__ = [
    "DESCRIPTOR",
    "HASHES",
    "DataChangedWarning",
    "DataValidationError",
    "Problem",
    "UnsafePathError",
    "as_recorded",
    "changed_files",
    "check",
    "check_paths",
    "field_types",
    "flags",
    "period_end",
    "PlausibilityWarning",
    "read_table",
    "record_hashes",
    "resource",
    "resource_names",
    "resource_path",
    "validate",
]
