"""kansrijk.instrument — versioned questionnaires as data (plain library, no Django).

Read and write XLSForm, validate with located errors, evaluate skip logic and indicator definitions with a
small safe expression language compiled to Polars (vectorised) and to Python closures (one respondent), and
compare versions by comparability hash.
"""

from kansrijk.instrument.default import DEFAULT_INSTRUMENT_CODE, default_instrument, default_instrument_path
from kansrijk.instrument.diff import Change, InstrumentDiff, diff_instruments
from kansrijk.instrument.errors import InstrumentError, InstrumentErrors
from kansrijk.instrument.expressions import (
    CompiledExpression,
    ExpressionContext,
    ExpressionError,
    Variable,
    compile_expression,
    evaluate,
    to_polars,
)
from kansrijk.instrument.hashing import indicator_hash, instrument_hashes, item_hash
from kansrijk.instrument.indicators import CompiledIndicator, compile_indicator
from kansrijk.instrument.model import Choice, ChoiceList, Group, Indicator, Instrument, Item
from kansrijk.instrument.relevance import Conditions, relevance_mask
from kansrijk.instrument.summary import Summary, summarize
from kansrijk.instrument.validate import validate
from kansrijk.instrument.xlsform_read import load_xlsform
from kansrijk.instrument.xlsform_write import write_xlsform, xlsform_bytes

__all__ = [
    "DEFAULT_INSTRUMENT_CODE",
    "Change",
    "Choice",
    "ChoiceList",
    "CompiledExpression",
    "CompiledIndicator",
    "Conditions",
    "ExpressionContext",
    "ExpressionError",
    "Group",
    "Indicator",
    "Instrument",
    "InstrumentDiff",
    "InstrumentError",
    "InstrumentErrors",
    "Item",
    "Summary",
    "Variable",
    "compile_expression",
    "compile_indicator",
    "default_instrument",
    "default_instrument_path",
    "diff_instruments",
    "evaluate",
    "indicator_hash",
    "instrument_hashes",
    "item_hash",
    "load_xlsform",
    "relevance_mask",
    "summarize",
    "to_polars",
    "validate",
    "write_xlsform",
    "xlsform_bytes",
]
