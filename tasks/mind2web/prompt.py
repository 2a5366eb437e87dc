"""The 3-shot chain-of-thought prompt of AgentBench's Mind2Web task and the user turn of one round.

Protocol text, verbatim: ``data/mind2web/prompt/llm_prompt_cot.json`` (identical in AgentBench v0.1,
v0.2 @ 41e6807 and the AgentBench.old copy AgentTuning ran; the config's ``llm_prompt``): three
(user, agent) example turns, then the round's user turn, which AgentBench.old writes into the
template's last (empty) message as ``'''\\n{context}\\n'''\\n\\n{question}``. The question is Mind2Web's
multiple-choice input (``format_input_multichoice``): task, the last 5 previous actions (gold
``action_reprs``), "A. None of the above" and one line per candidate in page order.
"""

from __future__ import annotations

from collections.abc import Sequence

from harness.model import Message, assistant, user

PREVIOUS_K = 5
"""``format_input_multichoice(previous_k=5)``: only the last 5 previous actions are listed."""

EXAMPLE_1_USER = (
    "'''\n"
    "<html> <div> <div> <a tock home page /> <button id=0 book a reservation. toggle open> <span> "
    "Book a reservation </span> </button> <button book a reservation. toggle open> </button> </div> "
    "<div> <select id=1 type> <option reservations true> Dine in </option> <option pickup> Pickup "
    "</option> <option delivery> Delivery </option> <option events> Events </option> <option "
    "wineries> Wineries </option> <option all> Everything </option> </select> <div id=2> <p> "
    "Celebrating and supporting leading women shaking up the industry. </p> <span> Explore now "
    "</span> </div> </div> </div> </html>\n"
    "'''\n"
    "\n"
    "Based on the HTML webpage above, try to complete the following task:\n"
    "Task: Check for pickup restaurant available in Boston, NY on March 18, 5pm with just one guest\n"
    "Previous actions:\n"
    "None\n"
    "What should be the next action? Please select from the following choices (If the correct action "
    "is not in the page above, please select A. 'None of the above'):\n"
    "\n"
    "A. None of the above\n"
    "B. <button id=0 book a reservation. toggle open> <span> Book a\n"
    "C. <select id=1 type> <option reservations true> Dine in </option> <option\n"
    "D. <div id=2> <p> Celebrating and supporting leading women shaking up"
)

EXAMPLE_1_AGENT = "Thought: I need to select pickup restaurant first.\nAnswer: C.\nAction: SELECT\nValue: Pickup"

EXAMPLE_2_USER = (
    "'''\n"
    "<html> <div> <main main> <section tabpanel> <div> <ul tablist> <li tab heading level 3 search "
    "and> </li> <li id=0 tab heading level 3 search and> <span> Hotel </span> </li> <li tab heading "
    "level 3 search and> </li> <li tab heading level 3 search and> </li> </ul> <div tabpanel> <div "
    "id=1> <div> <span> Dates* </span> <button button clear dates /> </div> <div> <label> Travelers "
    "</label> <div> <p> 1 Adult </p> <button button> 1 Adult </button> <div dialog> <button button "
    "travel with a pet. this> <span> Travel with a pet </span> </button> <div> <button button clear "
    "all fields> Clear all </button> <button button> </button> </div> </div> </div> </div> </div> "
    "</div> </div> </section> </main> <footer contentinfo> <div> <h3> Stay Connected </h3> <ul id=2> "
    "<a mobile tools> </a> <a open united's tiktok feed in> </a> <a open united's facebook page in> "
    "</a> <a open united's twitter feed in> </a> <a open united's youtube page in> </a> <a open "
    "united's instagram feed in> </a> <a open united's linkedin profile in> </a> </ul> </div> "
    "</footer> </div> </html>\n"
    "'''\n"
    "\n"
    "Based on the HTML webpage above, try to complete the following task:\n"
    "Task: Compare the fare types to book a 1-adult ticket from Springfiels, IL to Austin, TX for "
    "April 29th 2023\n"
    "Previous actions:\n"
    "[combobox]  Enter your departing city, airport name, or airpor... -> TYPE: SPRINGFIELD\n"
    "[button]  Springfield, IL, US (SPI) -> CLICK\n"
    "[combobox]  Enter your destination city, airport name, or airp... -> TYPE: AUSTIN\n"
    "[button]  Austin, TX, US (AUS) -> CLICK\n"
    "What should be the next action? Please select from the following choices (If the correct action "
    "is not in the page above, please select A. 'None of the above'):\n"
    "\n"
    "A. None of the above\n"
    "B. <li id=0 tab heading level 3 search and> <span> Hotel\n"
    "C. <div id=1> <div> <span> Dates* </span> <button button clear dates\n"
    "D. <ul id=2> <a mobile tools> </a> <a open united's tiktok"
)

EXAMPLE_2_AGENT = (
    "Thought: There are no elements that allow setting the date or viewing the fare, so there is no "
    "correct action.\n"
    "Answer: A."
)

EXAMPLE_3_USER = (
    "'''\n"
    "<html> <div> <nav main menu> <ul> <li> <div button> Car Sales </div> <div id=0> <div> <div> "
    "<div> Buy A Car </div> <div> Plan Your Purchase </div> </div> <div> <h4> Its Tax Refund Time. "
    "Treat Yourself to an Upgrade. </h4> <p> With a variety of options, invest your refund in what "
    "you really want - a quality, used vehicle from Enterprise. </p> <a> View Inventory </a> </div> "
    "</div> </div> </li> <div id=1> Enterprise Fleet Management </div> </ul> </nav> <div region> "
    "<button id=2 selected pick-up date 03/19/2023> <span> <span> 19 </span> <div> <span> Mar "
    "</span> <span> 2023 </span> </div> </span> </button> </div> </div> </html>\n"
    "'''\n"
    "\n"
    "Based on the HTML webpage above, try to complete the following task:\n"
    "Task: Find a mini van at Brooklyn City from April 5th to April 8th for a 22 year old renter.\n"
    "Previous actions:\n"
    "[searchbox]  Pick-up & Return Location (ZIP, City or Airport) (... -> TYPE: Brooklyn\n"
    "[option]  Brooklyn, NY, US Select -> CLICK\n"
    "What should be the next action? Please select from the following choices (If the correct action "
    "is not in the page above, please select A. 'None of the above'):\n"
    "\n"
    "A. None of the above\n"
    "B. <div id=0> <div> <div> <div> Buy A Car </div> <div>\n"
    "C. <div id=1> Enterprise Fleet Management </div>\n"
    "D. <button id=2 selected pick-up date 03/19/2023> <span> <span> 19 </span>"
)

EXAMPLE_3_AGENT = (
    "Thought: The search has already been set to Brooklyn. Next, I should choose pick-up date.\n"
    "Answer: D.\n"
    "Action: CLICK"
)
FEW_SHOT: tuple[tuple[str, str], ...] = (
    (EXAMPLE_1_USER, EXAMPLE_1_AGENT),
    (EXAMPLE_2_USER, EXAMPLE_2_AGENT),
    (EXAMPLE_3_USER, EXAMPLE_3_AGENT),
)

QUESTION_HEAD = "Based on the HTML webpage above, try to complete the following task:\n"
QUESTION_TAIL = (
    "What should be the next action? Please select from the following choices "
    "(If the correct action is not in the page above, please select A. 'None of the above'):\n\n"
    "A. None of the above\n"
)


def letter(index: int) -> str:
    """The answer letter of the ``index``-th choice (0 -> "B": "A" is always "None of the above")."""
    return chr(66 + index)


def question(task: str, previous_actions: Sequence[str], choice_texts: Sequence[str]) -> str:
    """Mind2Web's multiple-choice question (``seq_in``); it ends with a newline."""
    text = QUESTION_HEAD + f"Task: {task}\n" + "Previous actions:\n"
    if previous_actions:
        text += "".join(f"{action}\n" for action in previous_actions[-PREVIOUS_K:])
    else:
        text += "None\n"
    text += QUESTION_TAIL
    text += "".join(f"{letter(i)}. {choice}\n" for i, choice in enumerate(choice_texts))
    return text


def round_turn(context: str, question_text: str) -> str:
    """The user turn AgentBench.old sends for one round."""
    return f"'''\n{context}\n'''\n\n{question_text}"


def round_messages(turn: str) -> list[Message]:
    """The whole request of one round: the three example pairs, then the round's turn."""
    messages: list[Message] = []
    for example_user, example_agent in FEW_SHOT:
        messages += [user(example_user), assistant(example_agent)]
    messages.append(user(turn))
    return messages
