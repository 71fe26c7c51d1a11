"""kansrijk.analysis — design-based statistics (plain library, no Django).

from kansrijk.analysis import SurveyDesign, estimate, rake, poststratify, compare, suppress
"""

from kansrijk.analysis.calibration import poststratify, rake
from kansrijk.analysis.compare import compare
from kansrijk.analysis.design import PostStratification, Raking, SurveyDesign
from kansrijk.analysis.disclosure import DisclosureRules, suppress
from kansrijk.analysis.errors import (
    AnalysisError,
    CalibrationError,
    ComparisonError,
    DesignError,
    EstimationError,
)
from kansrijk.analysis.estimate import estimate, estimate_table

__all__ = [
    "AnalysisError",
    "CalibrationError",
    "ComparisonError",
    "DesignError",
    "DisclosureRules",
    "EstimationError",
    "PostStratification",
    "Raking",
    "SurveyDesign",
    "compare",
    "estimate",
    "estimate_table",
    "poststratify",
    "rake",
    "suppress",
]
