"""A safe evaluator of arithmetic expressions: never ``eval``, only a walk over the Python AST.

Two uses:

* :func:`numexpr_value` evaluates what LangChain's LLM-math chain hands to
  ``numexpr.evaluate(expression, global_dict={}, local_dict={"pi": pi, "e": e})``: numbers, the
  operators ``+ - * / ** %`` (``/`` is true division), comparisons, ``& | ^ ~`` on integers,
  the names ``pi`` and ``e`` and numexpr's functions (``sqrt``, ``log``, ``sin``, ``arctan2``,
  ``abs``...). Anything else (attributes, subscripts, strings, other names) is rejected like
  numexpr rejects it. Deviation: integers are Python integers (bounded to 4096 bits), not
  numexpr's wrapping int64.
* :func:`calculate` is the offline stand-in for the WolframAlpha worker: the planner's own
  notation, lightly rewritten (``^`` is power, ``×``/``÷``, square brackets as parentheses,
  thousands separators dropped), then evaluated the same way.

Exponents and results are bounded so that no input can exhaust memory.
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
_INT_ONLY = {ast.BitXor: operator.xor, ast.BitAnd: operator.and_, ast.BitOr: operator.or_}
_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Eq: operator.eq, ast.NotEq: operator.ne}
NUMEXPR_NAMES = {"pi": math.pi, "e": math.e}
"""LangChain's ``local_dict`` (numexpr itself also knows True and False)."""
NUMEXPR_FUNCTIONS = {
    "sin": math.sin, "cos": math.cos, "tan": math.tan, "arcsin": math.asin, "arccos": math.acos,
    "arctan": math.atan, "arctan2": math.atan2, "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "arcsinh": math.asinh, "arccosh": math.acosh, "arctanh": math.atanh, "log": math.log, "log10": math.log10,
    "log1p": math.log1p, "exp": math.exp, "expm1": math.expm1, "sqrt": math.sqrt, "abs": abs,
    "floor": math.floor, "ceil": math.ceil,
}


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
    if isinstance(value, bool):
        return value
    if isinstance(value, complex):
        raise CalculatorError("complex result")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise CalculatorError("result is too large")
    if isinstance(value, float) and not math.isfinite(value):
        raise CalculatorError("result is not finite")
    return value


def _eval(node: ast.AST, names: dict[str, float] | None = None) -> float | int | bool:
    """The value of an expression node; ``names`` (None: no names, no functions) enables numexpr's."""
    if isinstance(node, ast.Expression):
        return _eval(node.body, names)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _check(_UNARY[type(node.op)](_eval(node.operand, names)))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert) and names is not None:
        value = _eval(node.operand, names)
        if not isinstance(value, int):
            raise CalculatorError("~ needs an integer")
        return ~value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left, names), _eval(node.right, names)
        if isinstance(node.op, ast.Pow):
            return _check(_power(left, right))
        try:
            return _check(_BINARY[type(node.op)](left, right))
        except ZeroDivisionError:
            raise CalculatorError("division by zero") from None
    if names is None:
        raise CalculatorError(f"unsupported element: {type(node).__name__}")
    if isinstance(node, ast.BinOp) and type(node.op) in _INT_ONLY:
        left, right = _eval(node.left, names), _eval(node.right, names)
        if not (isinstance(left, int) and isinstance(right, int)):
            raise CalculatorError("bitwise operators need integers")
        return _INT_ONLY[type(node.op)](left, right)
    if isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
        values = [_eval(node.left, names), *(_eval(c, names) for c in node.comparators)]
        return all(_COMPARE[type(op)](a, b) for op, a, b in zip(node.ops, values, values[1:]))
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return node.value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in NUMEXPR_FUNCTIONS
            and not node.keywords):
        args = [_eval(a, names) for a in node.args]
        try:
            return _check(NUMEXPR_FUNCTIONS[node.func.id](*args))
        except (TypeError, ValueError, OverflowError) as exc:
            raise CalculatorError(f"{node.func.id}: {exc}") from None
    raise CalculatorError(f"unsupported element: {type(node).__name__}")


def _parse(text: str, original: str) -> ast.Expression:
    if len(text) > MAX_INPUT_CHARS:
        raise CalculatorError("expression is too long")
    try:
        return ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise CalculatorError(f"not an arithmetic expression: {original!r}") from None


def _run(tree: ast.Expression, names: dict[str, float] | None) -> float | int | bool:
    try:
        return _eval(tree, names)
    except RecursionError:
        raise CalculatorError("expression is nested too deeply") from None
    except OverflowError:
        raise CalculatorError("result is too large") from None


def numexpr_value(expression: str) -> float | int | bool:
    """What ``numexpr.evaluate(expression.strip(), local_dict={pi, e})`` computes; raises CalculatorError."""
    return _run(_parse(expression.strip(), expression), NUMEXPR_NAMES)


def numexpr_text(value: float | bool) -> str:
    """``str()`` of numexpr's 0-d result array: ``2518731``, ``8.222831614237718``, ``True``."""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def evaluate(expression: str) -> float | int:
    """The value of an arithmetic expression in planner notation; raises :class:`CalculatorError`."""
    if len(expression) > MAX_INPUT_CHARS:
        raise CalculatorError("expression is too long")
    return _run(_parse(_rewrite(expression), expression), None)  # type: ignore[return-value]


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
