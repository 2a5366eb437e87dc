"""The prompt: the first request of a local task rendered with the llama-2 template, compared with a
string assembled here from the original prompt file's text (agent/prompts/raw/p_cot_id_actree_2s.py,
AgentTuning e33a45d, typed into this test) and FastChat's llama-2 layout written out by hand."""

from adapters.templates import render_conversation
from tasks.webarena import prompt

ORIGINAL_INTRO = 'You are an autonomous intelligent agent tasked with navigating a web browser. You will be given web-based tasks. These tasks will be accomplished through the use of specific actions you can issue.\n\nHere\'s the information you\'ll have:\nThe user\'s objective: This is the task you\'re trying to complete.\nThe current web page\'s accessibility tree: This is a simplified representation of the webpage, providing key information.\nThe current web page\'s URL: This is the page you\'re currently navigating.\nThe open tabs: These are the tabs you have open.\nThe previous action: This is the action you just performed. It may be helpful to track your progress.\n\nThe actions you can perform fall into several categories:\n\nPage Operation Actions:\n`click [id]`: This action clicks on an element with a specific id on the webpage.\n`type [id] [content] [press_enter_after=0|1]`: Use this to type the content into the field with id. By default, the "Enter" key is pressed after typing unless press_enter_after is set to 0.\n`hover [id]`: Hover over an element with id.\n`press [key_comb]`:  Simulates the pressing of a key combination on the keyboard (e.g., Ctrl+v).\n`scroll [direction=down|up]`: Scroll the page up or down.\n\nTab Management Actions:\n`new_tab`: Open a new, empty browser tab.\n`tab_focus [tab_index]`: Switch the browser\'s focus to a specific tab using its index.\n`close_tab`: Close the currently active tab.\n\nURL Navigation Actions:\n`goto [url]`: Navigate to a specific URL.\n`go_back`: Navigate to the previously viewed page.\n`go_forward`: Navigate to the next page (if a previous \'go_back\' action was performed).\n\nCompletion Action:\n`stop [answer]`: Issue this action when you believe the task is complete. If the objective is to find a text-based answer, provide the answer in the bracket. If you believe the task is impossible to complete, provide the answer as "N/A" in the bracket.\n\nHomepage:\nIf you want to visit other websites, check out the homepage at http://homepage.com. It has a list of websites you can visit.\nhttp://homepage.com/password.html lists all the account name and password for the websites. You can use them to log in to the websites.\n\nTo be successful, it is very important to follow the following rules:\n1. You should only issue an action that is valid given the current observation\n2. You should only issue one action at a time.\n3. You should follow the examples to reason step by step and then issue the next action.\n4. Generate the action in the correct format. Start with a "In summary, the next action I will perform is" phrase, followed by action inside ``````. For example, "In summary, the next action I will perform is ```click [1234]```".\n5. Issue stop action when you think you have achieved the objective. Don\'t generate anything after stop.'
ORIGINAL_EXAMPLES = [
    ("OBSERVATION:\n[1744] link 'HP CB782A#ABA 640 Inkjet Fax Machine (Renewed)'\n\t\t[1749] StaticText '$279.49'\n\t\t[1757] button 'Add to Cart'\n\t\t[1760] button 'Add to Wish List'\n\t\t[1761] button 'Add to Compare'\nURL: http://onestopmarket.com/office-products/office-electronics.html\nOBJECTIVE: What is the price of HP Inkjet Fax Machine\nPREVIOUS ACTION: None",
     "Let's think step-by-step. This page list the information of HP Inkjet Fax Machine, which is the product identified in the objective. Its price is $279.49. I think I have achieved the objective. I will issue the stop action with the answer. In summary, the next action I will perform is ```stop [$279.49]```"),
    ("OBSERVATION:\n[164] textbox 'Search' focused: True required: False\n[171] button 'Go'\n[174] link 'Find directions between two points'\n[212] heading 'Search Results'\n[216] button 'Close'\nURL: http://openstreetmap.org\nOBJECTIVE: Show me the restaurants near CMU\nPREVIOUS ACTION: None",
     'Let\'s think step-by-step. This page has a search box whose ID is [164]. According to the nominatim rule of openstreetmap, I can search for the restaurants near a location by "restaurants near". I can submit my typing by pressing the Enter afterwards. In summary, the next action I will perform is ```type [164] [restaurants near CMU] [1]```'),
]
ORIGINAL_TEMPLATE = 'OBSERVATION:\n{observation}\nURL: {url}\nOBJECTIVE: {objective}\nPREVIOUS ACTION: {previous_action}'
SYSTEM = "You are a helpful, respectful and honest assistant."


def expected_llama2(current: str) -> str:
    """FastChat 'llama-2': system block, then '[INST] user [/INST] assistant </s><s>' turns (the
    first user turn directly after the system block), the intro answered 'Ok.' (get_lm_api_input)."""
    text = f"[INST] <<SYS>>\n{SYSTEM}\n<</SYS>>\n\n" + ORIGINAL_INTRO.strip() + " [/INST] Ok. </s><s>"
    for example_in, example_out in ORIGINAL_EXAMPLES:
        text += "[INST] " + example_in.strip() + " [/INST] " + example_out.strip() + " </s><s>"
    return text + "[INST] " + current.strip() + " [/INST]"


def test_prompt_file_is_the_original():
    data = prompt.instruction()
    assert data["intro"] == ORIGINAL_INTRO
    assert [tuple(e) for e in data["examples"]] == ORIGINAL_EXAMPLES
    assert data["template"] == ORIGINAL_TEMPLATE
    assert data["meta_data"]["action_splitter"] == "```"
    assert data["meta_data"]["prompt_constructor"] == "CoTPromptConstructor"


def test_rendered_step_matches_the_original_construction():
    observation = "Tab 0 (current): Shop\n\n[1] RootWebArea 'Shop' focused: True\n\t[5] link 'Bags'"
    messages = prompt.messages(observation, "http://onestopmarket.com/", "Find bags", "None")
    current = ORIGINAL_TEMPLATE.format(objective="Find bags", url="http://onestopmarket.com/", observation=observation,
                                       previous_action="None")
    assert render_conversation("llama-2", messages) == expected_llama2(current)
    assert [m.role for m in messages] == ["system"] + ["user", "assistant"] * 3 + ["user"]


def test_observation_cut_to_1920_gpt4_tokens():
    import bpe_openai

    enc = bpe_openai.get_encoding("cl100k_base")
    long = " ".join(f"[{i}] link 'Item number {i}'" for i in range(3000))
    cut = prompt.truncate(long)
    assert len(enc.encode(cut)) <= 1920 < len(enc.encode(long))
    assert long.startswith(cut) and len(cut) > 1000
    assert prompt.truncate("short <|endoftext|> text") == "short <|endoftext|> text"
    messages = prompt.step_messages(long, "http://127.0.0.1:1/x", "o", "None", lambda u: u.replace("http://127.0.0.1:1", "http://a.com"))
    assert cut in messages[-1].content and "URL: http://a.com/x" in messages[-1].content
