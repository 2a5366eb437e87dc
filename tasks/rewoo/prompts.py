"""ReWOO's prompt text as AgentTuning ran it (eval_heldout/rewoo: prompts/planner.py,
prompts/solver.py, prompts/fewshots.py, the worker descriptions in nodes/Worker.py, the LLM
worker's llama-2 instruction, and LangChain's ``QAEvalChain`` grading prompt used by
utils/Evaluator.py), verbatim: protocol data.
"""

SYSTEM_PROMPT = "You are a helpful, respectful and honest assistant."
"""Set for every llama-2 call of the TGI path (nodes/LLMNode.py and the LLM worker)."""

PLANNER_PREFIX = (
    'For the following tasks, make plans that can solve the problem step-by-step. '
    'For each plan, indicate which external tool together with tool input to retrieve evidence. '
    'You can store the evidence into a variable #E that can be called by later tools. '
    '(Plan, #E1, Plan, #E2, Plan, ...) \n\n'
)
PLANNER_SUFFIX = 'Begin! Describe your plans with rich details. Each Plan should be followed by only one #E.\n\n'
SOLVER_PREFIX = (
    'Solve the following task or problem. '
    'To assist you, we provide some plans and corresponding evidences that might be helpful. '
    'Notice that some of these information contain noise so you should trust them with caution.\n\n'
)
SOLVER_SUFFIX = '\nNow begin to solve the task or problem. Respond with the answer directly with no extra words.\n\n'

LLM_WORKER_INSTRUCTION = "Respond in short directly with no extra words.\n\n"
"""``LLMWorker``'s OpenAI branch (its ``PromptTemplate``): the branch the original ran, since the
worker is registered as ``LLMWorker(model='gpt-3.5-turbo')``."""

LLM_WORKER_INSTRUCTION_LLAMA = "Responds in short directly with no extra words.\n\n"
"""``LLMWorker``'s llama-2 branch (unreachable upstream): used when the worker falls back to the
model under test, which is served with the llama-2 template and the system prompt."""

NO_EVIDENCE = "No evidence found"

WORKER_DESCRIPTIONS: dict[str, str] = {
    'Google': (
        'Worker that searches results from Google. '
        'Useful when you need to find short and succinct answers about a specific topic. '
        'Input should be a search query.'
    ),
    'Wikipedia': (
        'Worker that search for similar page contents from Wikipedia. '
        'Useful when you need to get holistic knowledge about people, places, companies, historical events, or other subjects. '
        'The response are long and might contain some irrelevant information. '
        'Input should be a search query.'
    ),
    'LookUp': (
        'Worker that search the direct sentence in current Wikipedia result page. '
        'Useful when you need to find information about a specific keyword from a existing Wikipedia search result. '
        'Input should be a search keyword.'
    ),
    'WolframAlpha': (
        'A WolframAlpha search engine. '
        'Useful when you need to solve a complicated Mathematical or Algebraic equation. '
        'Input should be an equation or function.'
    ),
    'Calculator': (
        'A calculator that can compute arithmetic expressions. '
        'Useful when you need to perform math calculations. '
        'Input should be a mathematical expression'
    ),
    'LLM': (
        'A pretrained LLM like yourself. '
        'Useful when you need to act with general world knowledge and common sense. '
        'Prioritize it when you are confident in solving the problem yourself. '
        'Input can be any instruction.'
    ),
    "SearchSOTU": (
        'A vector store that searches for similar and related content in document: state_of_the_union. '
        'The result is a huge chunk of text related to your search but can also contain irrelevant info. '
        'Input should be a search query.'
    ),
}

HOTPOTQA_PWS_BASE = """Question: What is the elevation range for the area that the eastern sector of the Colorado orogeny extends into?
Plan: Search for more information about Colorado orogeny.
#E1 = Wikipedia[Colorado orogeny]
Plan: Find out the area that eastern sector of the Colorado orogeny extends into.
#E2 = LLM[What is the name of the area that eastern sector of Colorado extends into? Given context: #E1]
Plan: Search for more information about the area.
#E3 = Wikipedia[#E2]
Plan: Find out the elevation range for the area.
#E4 = LLM[What is elevation range for the area #E2? Given context: #E3]

Question: Musician and satirist Allie Goertz wrote a song about the "The Simpsons" character Milhouse, who Matt Groening named after who?
Plan: Search for more information about Milhouse.
#E1 = Wikipedia[Milhouse]
Plan: Find out who Matt Groening named Milhouse after.
#E2 = LLM[Who did Matt Groening name Milhouse after? Given context: #E1]

Question: Which documentary is about Finnish rock groups, Adam Clayton Powell or The Saimaa Gesture?
Plan: Search for more information about Adam Clayton Powell.
#E1 = Wikipedia[Adam Clayton Powell]
Plan: Search for more information about The Saimaa Gesture.
#E2 = Wikipedia[The Saimaa Gesture]
Plan: Compare the two and determine which is a documentary about Finnish rock groups.
#E3 = LLM[Which documentary is about Finnish rock groups, Adam Clayton Powell or The Saimaa Gesture? Given context: #E1, #E2]

Question: What profession does Nicholas Ray and Elia Kazan have in common?
Plan: Search for more information about Nicholas Ray.
#E1 = Wikipedia[Nicholas Ray]
Plan: Search for more information about Elia Kazan.
#E2 = Wikipedia[Elia Kazan]
Plan: Compare the two and determine what profession they have in common.
#E3 = LLM[What profession does Nicholas Ray and Elia Kazan have in common? Given context: #E1, #E2]

Question: Which magazine was started first Arthur's Magazine or First for Women?
Plan: Search for more information about Arthur's Magazine.
#E1 = Wikipedia[Arthur's Magazine]
Plan: Search for more information about First for Women.
#E2 = Wikipedia[First for Women]
Plan: Compare the two start dates and determine which magazine was started first.
#E3 = LLM[Which magazine was started first Arthur's Magazine or First for Women? Given context: #E1, #E2]

Question: Were Pavel Urysohn and Leonid Levin known for the same type of work?
Plan: Search for more information about Pavel Urysohn.
#E1 = Wikipedia[Pavel Urysohn]
Plan: Search for more information about Leonid Levin.
#E2 = Wikipedia[Leonid Levin]
Plan: Compare the two and determine if they were known for the same type of work.
#E3 = LLM[Were Pavel Urysohn and Leonid Levin known for the same type of work? Given context: #E1, #E2]

"""

GSM8K_PWS = """For Example:
Thomas, Toby, and Rebecca worked a total of 157 hours in one week.  Thomas worked x hours.  Toby worked 10 hours less than twice what Thomas worked, and Rebecca worked 8 hours less than Toby.  How many hours did Rebecca work?
Plan: Given Thomas worked x hours, translate the problem into algebraic expressions and solve with Wolfram Alpha.
#E1 = WolframAlpha[Solve x + (2x - 10) + ((2x - 10) - 8) = 157]
Plan: Find out the number of hours Thomas worked.
#E2 = LLM[What is x, given #E1]
Plan: Find out the number of hours Rebecca worked.
#E3 = Calculator[(2 * #E2 - 10) - 8]

"""

TRIVIAQA_PWS = """Which Asian capital city is known as Krung Thep to its inhabitants and stands on the Chao Phraya River?
Plan: Search for more information about Krung Thep
#E1 = Wikipedia[Krung Thep]
Plan: Search for more information about Chao Phraya River
#E2 = Wikipedia[Chao Phraya River]
Plan: Find out the name of the river on which Bakewell stands.
#E3 = LLM[What is the name of the river on which Bakewell stands? Given context: #E1 and #E2]

"""

JUDGE_PROMPT = """You are a teacher grading a quiz.
You are given a question, the student's answer, and the true answer, and are asked to score the student answer as either CORRECT or INCORRECT.

Example Format:
QUESTION: question here
STUDENT ANSWER: student's answer here
TRUE ANSWER: true answer here
GRADE: CORRECT or INCORRECT here

Grade the student answers based ONLY on their factual accuracy. Ignore differences in punctuation and phrasing between the student answer and true answer. It is OK if the student answer contains more information than the true answer, as long as it does not contain any conflicting statements. Begin! 

QUESTION: {query}
STUDENT ANSWER: {result}
TRUE ANSWER: {answer}
GRADE:"""
