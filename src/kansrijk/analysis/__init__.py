"""kansrijk.analysis — design-based statistics (plain library, no Django).

from kansrijk.analysis import SurveyDesign, estimate, rake, poststratify, compare, suppress
from kansrijk.analysis import factor_table, logistic
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
from kansrijk.analysis.factors import factor_table
from kansrijk.analysis.logistic import LogisticFit, logistic

__all__ = [
    "AnalysisError",
    "CalibrationError",
    "ComparisonError",
    "DesignError",
    "DisclosureRules",
    "EstimationError",
    "LogisticFit",
    "PostStratification",
    "Raking",
    "SurveyDesign",
    "compare",
    "estimate",
    "estimate_table",
    "factor_table",
    "logistic",
    "poststratify",
    "rake",
    "suppress",
]
