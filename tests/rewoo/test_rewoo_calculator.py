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


@pytest.mark.parametrize(
    ("expression", "text"),
    [("37593 * 67", "2518731"), ("37593**(1/5)", "8.222831614237718"), (" 7 / 2 ", "3.5"), ("sqrt(16) * pi", "12.566370614359172"),
     ("log10(1000)", "3.0"), ("2 > 1", "True"), ("6 ^ 3", "5"), ("e", "2.718281828459045")],
)
def test_numexpr_dialect_of_the_llm_math_chain(expression, text):
    from tasks.rewoo.calculator import numexpr_text, numexpr_value

    assert numexpr_text(numexpr_value(expression)) == text


@pytest.mark.parametrize("expression", ["__import__('os')", "x + 1", "open('f')", "(1).real", "'a' * 3", "sqrt(x=4)",
                                        "9 ** 9 ** 9", "1.5 ^ 2"])
def test_numexpr_dialect_rejects_everything_else(expression):
    from tasks.rewoo.calculator import numexpr_value

    with pytest.raises(CalculatorError):
        numexpr_value(expression)


@pytest.mark.parametrize(
    ("output", "evidence"),
    [('```text\n37593 * 67\n```\n...numexpr.evaluate("37593 * 67")...\n', "2518731"),
     ("Answer: 42", "42"), ("The result.\nAnswer: 3 apples", "3 apples")],
)
def test_the_chain_reads_its_models_output(output, evidence):
    from tasks.rewoo.llm_math import calculator_evidence

    assert calculator_evidence(output) == evidence


def test_the_chain_raises_on_anything_else():
    from tasks.rewoo.llm_math import CalculatorFailure, math_answer

    with pytest.raises(CalculatorFailure, match="unknown format from LLM: 42"):
        math_answer("42")
    with pytest.raises(CalculatorFailure, match=r'LLMMathChain._evaluate\("\nfoo\(\)\n"\) raised error'):
        math_answer("```text\nfoo()\n```")
