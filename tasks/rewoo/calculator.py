"""A safe arithmetic evaluator for ReWOO's ``Calculator[...]`` worker.

The original worker asks an LLM (LangChain ``LLMMathChain`` on text-davinci-003) to turn the
input into a ``numexpr`` expression. Offline and model-independent, this evaluator walks the
Python AST of the input and accepts only numbers, ``+ - * / // % **``, unary signs and
parentheses: never ``eval``; names, attributes, calls, subscripts, comparisons, strings and
anything else are rejected, and exponents/results are bounded so no input can exhaust memory.

Light rewriting of planner notation first: ``^`` is power (the few-shot writes ``#E2^0.34``),
``×``/``÷`` are * and /, square brackets (how ReWOO substitutes ``#E`` evidence: ``[37]``) are
parentheses, and thousands separators in numbers (``1,000``) are dropped.
"""

from __future__ import annotations

import ast
import math
import operator
import re

MAX_INPUT_CHARS = 500
MAX_EXPONENT = 1000
MAX_INT_BITS = 4096
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


class CalculatorError(ValueError):
    """The input is not a safe arithmetic expression (or its value is out of bounds)."""


def _rewrite(expression: str) -> str:
    text = expression.strip().replace("^", "**").replace("×", "*").replace("÷", "/")
    text = text.replace("[", "(").replace("]", ")")
    return _THOUSANDS.sub("", text)


def _power(base: float, exponent: float) -> float | int:
    if abs(exponent) > MAX_EXPONENT:
        raise CalculatorError(f"exponent {exponent} is too large")
    if (isinstance(base, int) and isinstance(exponent, int) and exponent > 0
            and max(abs(base), 1).bit_length() * exponent > MAX_INT_BITS):
        raise CalculatorError("result is too large")
    try:
        return operator.pow(base, exponent)
    except (ZeroDivisionError, OverflowError) as exc:  # 0^-1, huge float powers: a worker error
        raise CalculatorError(str(exc)) from None


def _check(value: float) -> float | int:
    if isinstance(value, complex):
        raise CalculatorError("complex result")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise CalculatorError("result is too large")
    if isinstance(value, float) and not math.isfinite(value):
        raise CalculatorError("result is not finite")
    return value


def _eval(node: ast.AST) -> float | int:
    if isinstance(node, ast.Expression):
        return _eval(node.body)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _check(_UNARY[type(node.op)](_eval(node.operand)))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left), _eval(node.right)
        if isinstance(node.op, ast.Pow):
            return _check(_power(left, right))
        try:
            return _check(_BINARY[type(node.op)](left, right))
        except ZeroDivisionError:
            raise CalculatorError("division by zero") from None
    raise CalculatorError(f"unsupported element: {type(node).__name__}")


def evaluate(expression: str) -> float | int:
    """The value of an arithmetic expression; raises :class:`CalculatorError`."""
    if len(expression) > MAX_INPUT_CHARS:
        raise CalculatorError("expression is too long")
    text = _rewrite(expression)
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise CalculatorError(f"not an arithmetic expression: {expression!r}") from None
    try:
        return _eval(tree)
    except RecursionError:
        raise CalculatorError("expression is nested too deeply") from None
    except OverflowError:
        raise CalculatorError("result is too large") from None


def format_number(value: float) -> str:
    """Integers (and integral floats) without a decimal point; other floats to 12 significant digits."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.12g}"
    return str(value)


def calculate(expression: str) -> str:
    """The worker's evidence text: the formatted value; raises :class:`CalculatorError`."""
    return format_number(evaluate(expression))
