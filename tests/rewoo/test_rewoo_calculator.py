"""The Calculator worker: arithmetic only, never eval, bounded."""

from __future__ import annotations

import pytest

from tasks.rewoo.calculator import CalculatorError, calculate, evaluate


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(2 * 37 - 10) - 8", "56"),
        ("(2 * [37] - 10) - 8", "56"),  # ReWOO substitutes evidence as [value]
        ("30^0.34", "3.17849276056"),
        ("7 / 2", "3.5"),
        ("7 // 2 + 7 % 2", "4"),
        ("-3 ** 2", "-9"),
        ("1,000 * 3", "3000"),
        ("6 × 7 ÷ 2", "21"),
        ("0.1 + 0.2", "0.3"),
        ("2 ** 10", "1024"),
    ],
)
def test_arithmetic(expression, expected):
    assert calculate(expression) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('true')",
        "open('/etc/passwd').read()",
        "x + 1",
        "(1).__class__",
        "[1, 2][0]",
        "'a' * 3",
        "1 if True else 2",
        "lambda: 1",
        "True + 1",
        "1 < 2",
        "9 ** 9 ** 9",
        "10 ** 100000",
        "2 ** 5000",
        "1e308 * 10",
        "(-8) ** 0.5",
        "1 / 0",
        "",
        "(" * 300 + "1" + ")" * 300,
        "1 +" * 200,
    ],
)
def test_everything_else_is_rejected(expression):
    with pytest.raises(CalculatorError):
        evaluate(expression)


def test_big_but_bounded_integers_are_fine():
    assert evaluate("10 ** 300") == 10**300
