"""The BOLAA ReAct prompt as AgentTuning ran it (eval_heldout/hotpotQA/src/pre_prompt.py
``REACT_INSTRUCTION`` and src/fewshots.py ``REACT_EXAMPLE``), verbatim: protocol data.

The second example keeps the upstream file's mojibake (``\u00e2\u0080\u0093``, a UTF-8 en dash
decoded as Latin-1) because that is the text the model was shown.
"""

REACT_INSTRUCTION = """This task involves solving a question-answering exercise through a series of interleaved Thought, Action, and Observation steps. Any thought before the action is allowed, and action can be one of the following three types:
(1) Search[entity]: This action involves searching for a specific entity on Wikipedia and returning the first paragraph of the entity's page if it exists. If the entity does not have a Wikipedia page, the assistant should suggest similar entities to search for.
(2) Lookup[keyword]: This action involves searching for the next sentence containing the specified keyword in the most recent passage successfully found by the Search action.
(3) Finish[answer]: This action concludes the task by providing the answer to the question.
You can take as many steps as necessary to answer the question. The key is to ensure that each step logically follows the previous one and contributes to the final answer. The task aims to emulate a reasoning process that yields accurate and comprehensive answers.
Here are some examples:
{examples}
(END OF EXAMPLES)
Question: {question}{scratchpad}"""

REACT_EXAMPLE = """Question: Musician and satirist Allie Goertz wrote a song about the "The Simpsons" character Milhouse, who Matt Groening named after who?
Thought 1: The question simplifies to "The Simpsons" character Milhouse is named after who. I only need to search Milhouse and find who it is named after.
Action 1: Search[Milhouse]
Observation 1: Milhouse Mussolini Van Houten is a recurring character in the Fox animated television series The Simpsons voiced by Pamela Hayden and created by Matt Groening.
Thought 2: The paragraph does not tell who Milhouse is named after, maybe I can look up "named after".
Action 2: Lookup[named after]
Observation 2: (Result 1 / 1) Milhouse was named after U.S. president Richard Nixon, whose middle name was Milhous. 
Thought 3: Milhouse was named after U.S. president Richard Nixon, so the answer is Richard Nixon.
Action 3: Finish[Richard Nixon]

Question: Were Pavel Urysohn and Leonid Levin known for the same type of work?
Thought 1: I need to search Pavel Urysohn and Leonid Levin, find their types of work, then find if they are the same.
Action 1: Search[Pavel Urysohn]
Observation 1: Pavel Samuilovich Urysohn (February 3, 1898 \u00e2\u0080\u0093 August 17, 1924) was a Soviet mathematician who is best known for his contributions in dimension theory.
Thought 2: Pavel Urysohn is a mathematician. I need to search Leonid Levin next and find its type of work.
Action 2: Search[Leonid Levin]
Observation 2: Leonid Anatolievich Levin is a Soviet-American mathematician and computer scientist. 
Thought 3: Leonid Levin is a mathematician and computer scientist. So Pavel Urysohn and Leonid Levin have the same type of work. 
Action 3: Finish[yes]
"""

INVALID_ACTION = "Invalid Action. Valid Actions are Lookup[<topic>] Search[<topic>] and Finish[<answer>]."
LOOKUP_WITHOUT_PAGE = (
    "The last page Searched was not found, so you cannot Lookup a keyword in it. "
    "Please try one of the similar pages given."
)
ANSWER_CORRECT = "Answer is CORRECT"
ANSWER_INCORRECT = "Answer is INCORRECT"


def react_prompt(question: str, scratchpad: str) -> str:
    """The whole plain-text prompt for one model call."""
    return REACT_INSTRUCTION.format(examples=REACT_EXAMPLE, question=question, scratchpad=scratchpad)
