"""The model's first requests, rendered exactly: expected strings written out from the original's
prompt text (AgentBench.old ``AI_SDK/Python/prompt/en.py`` as ``ACTION_PROMPT % (GUESS_RULE,
fish_description, action_format)``, and the f-strings of ``AI_En.py``), not from our prompt module."""

from __future__ import annotations

from harness.model import Message
from tasks.card_game import prompts as P
from tasks.card_game.game import Game

GUESS_RULES = (
    'This is a two-player battle game with four pet fish in each team.\n'
    'Each fish has its initial health, attack power, active ability, and passive ability.\n'
    "All fish's identities are initially hidden. You should guess one of the enemy fish's identities in each round. If you guess right, the enemy fish's identity is revealed, and each of the enemy's fish will get 50 damage. You can only guess the identity of the live fish.\n"
    'The victory condition is to have more fish alive at the end of the game.\n'
    '\n'
    'The following are the four types of the pet fish:\n'
    '{\'spray\': {\'passive\': "Counter: Deals 30 damage to attacker when a teammate\'s health is below 30%", \'active\': \'AOE: Attacks all enemies for 35% of its attack points.\'}, \'flame\': {\'passive\': "Counter: Deals 30 damage to attacker when a teammate\'s health is below 30%. ", \'active\': "Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. Notice! You can\'t attack yourself or dead teamate!"}, \'eel\': {\'passive\': \'Deflect: Distributes 70% damage to teammates and takes 30% when attacked. Gains 40 attack points after taking 200 damage accumulated. \', \'active\': \'AOE: Attacks all enemies for 35% of your attack points.\'}, \'sunfish\': {\'passive\': \'Deflect: Distributes 70% damage to teammates and takes 30% when attacked. Gains 40 attack points after taking 200 damage accumulated. \', \'active\': "Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. Notice! You can\'t attack yourself or dead teamate!"}}\n'
    '\n'
    'Play the game with me. In each round, you should output your thinking process, and return your move with following json format:\n'
    '{\'guess_type\': "the enemy\'s fish type you may guess", \'target_position\': "guess target\'s position, you must choose from [0,3]"}\n'
    '\n'
    'Notice! You must return your move in each round. Otherwise, you will be considered defeated.'
)

ACTION_RULES = (
    'This is a two-player battle game with four pet fish on each team.\n'
    'Each fish has its 400 initial health, 200 attack power, active ability, and passive ability.\n'
    'You can choose a live fish to use its active skill or normal attack on an enemy fish each round.\n'
    "When the conditions are met, the fish's passive ability will automatically trigger, regardless of whether it is chosen.\n"
    "Your fish's identity is initially hidden. The enemy can guess one of your fish's identity in each round. If the enemy guesses right, your fish's identity is revealed, and each of your fish will get 50 damage.\n"
    'The victory condition is to have more fish alive at the end of the game.\n'
    '\n'
    'The following are the four types of the pet fish:\n'
    '{\'spray\': {\'passive\': "Counter: Deals 30 damage to attacker when a teammate\'s health is below 30%", \'active\': \'AOE: Attacks all enemies for 35% of its attack points.\'}, \'flame\': {\'passive\': "Counter: Deals 30 damage to attacker when a teammate\'s health is below 30%. ", \'active\': "Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. Notice! You can\'t attack yourself or dead teamate!"}, \'eel\': {\'passive\': \'Deflect: Distributes 70% damage to teammates and takes 30% when attacked. Gains 40 attack points after taking 200 damage accumulated. \', \'active\': \'AOE: Attacks all enemies for 35% of your attack points.\'}, \'sunfish\': {\'passive\': \'Deflect: Distributes 70% damage to teammates and takes 30% when attacked. Gains 40 attack points after taking 200 damage accumulated. \', \'active\': "Infight: Attacks one alive teammate for 75 damage and increases your own attack points by 140. Notice! You can\'t attack yourself or dead teamate!"}}\n'
    '\n'
    'Play the game with me. In each round, you should output your thinking process, and return your move with following json format:\n'
    '{\'pick_fish\': \'pick an alive fish\', \'action\': \'choose from [normal, active]\', \'target_position\': "target\'s position, you must choose from [0,3]"}\n'
    '\n'
    'Notice! You must return your move in each round. Otherwise, you will be considered defeated.'
)

ACK = "Okay, I will play the game with you according to the rules."

FIRST_GUESS = (
    "Previous Guess: False\n"
    "Live Enemy Fish: ['0', '1', '2', '3']\n"
    "Enemy's previous action: {'ACTION_FISH': 'None', 'ATK': 'None', 'TARGET': 'None', 'SKILL_TYPE': 'None'}\n"
    'Enemy\'s previous triggered passive ability: {"Position: 0": "Counter"}\n'
    "\n"
    "Please output your guess."
)


def test_rules_messages_are_the_originals():
    assert P.GUESS_DESCRIPTION[2] == GUESS_RULES
    assert P.ACTION_DESCRIPTION[2] == ACTION_RULES


def test_first_request_of_the_first_mover_is_rules_ack_then_the_guess_request():
    game = Game("baseline1", 0, seed=1)
    assert game.pending.kind == "guess"
    assert game.pending.messages == [
        Message(role="user", content=GUESS_RULES),
        Message(role="assistant", content=ACK),
        Message(role="user", content=FIRST_GUESS),
    ]


def test_first_action_request_shows_the_state_and_no_previous_actions():
    game = Game("baseline1", 0, seed=1)
    guess = '{"guess_type": "eel", "target_position": 2}'
    game.answer(guess)
    assert game.pending.kind == "action"
    enemy_hp = game.request["GameInfo"]["EnemyHP"][0]
    revealed = game.request["GameInfo"]["EnemyFish"][2] == 3
    enemy = [
        f'{{"ID": "{"eel" if revealed and p == 2 else "unknown"}", "POSITION": "{p}", "HP": "{enemy_hp}", "ATK": "unknown"}}'
        for p in range(4)
    ]
    state = (
        '{"You": [{"ID": "spray", "POSITION": "0", "HP": "400", "ATK": "200"}, '
        '{"ID": "flame", "POSITION": "1", "HP": "400", "ATK": "200"}, '
        '{"ID": "eel", "POSITION": "2", "HP": "400", "ATK": "200"}, '
        '{"ID": "sunfish", "POSITION": "3", "HP": "400", "ATK": "200"}], '
        '"Enemy": [' + ", ".join(enemy) + "]}"
    )
    none = "{'ACTION_FISH': 'None', 'ATK': 'None', 'TARGET': 'None'}"
    expected = (
        f"Following is the current game state:\n{state}\n\n"
        f"Your previous action: {none}\nEnemy's previous action: {none}\n\nPlease Output your next action."
    )
    assert game.pending.messages == [
        Message(role="user", content=ACTION_RULES),
        Message(role="assistant", content=ACK),
        Message(role="user", content=expected),
    ]


def test_later_requests_carry_the_last_accepted_exchanges_before_the_rules():
    game = Game("baseline2", 0, seed=3)
    answers = []
    for turn in range(3):
        hp = game.request["GameInfo"]["EnemyHP"]
        guess = f'{{"guess_type": "spray", "target_position": {hp.index(max(hp))}}}'
        prompt = game.pending.messages[-1].content
        assert game.answer("not json") is False  # a rejected answer is not remembered
        assert game.answer(guess)
        answers.append(("guess", prompt, guess))
        prompt = game.pending.messages[-1].content
        move = '{"pick_fish": "eel", "action": "active", "target_position": 0}'
        assert game.answer(move)
        answers.append(("action", prompt, move))
        if game.pending is None:
            break
    guesses = [(p, a) for k, p, a in answers if k == "guess"][-3:]
    actions = [(p, a) for k, p, a in answers if k == "action"][-2:]
    msgs = game.pending.messages
    expected = [m for p, a in guesses for m in (Message(role="user", content=p), Message(role="assistant", content=a))]
    assert msgs[:-3] == expected and msgs[-3].content == GUESS_RULES and msgs[-2].content == ACK
    game.answer('{"guess_type": "flame", "target_position": 1}')
    msgs = game.pending.messages
    expected = [m for p, a in actions for m in (Message(role="user", content=p), Message(role="assistant", content=a))]
    assert msgs[:-3] == expected and msgs[-3].content == ACTION_RULES


# -- through the tgi adapter, as AgentLM is served --------------------------------------------------------
def llama2_as_agentbench_old(turns: list[str]) -> str:
    """What ``TGIAgent.inference`` sends for AgentLM: FastChat's llama-2 conversation, every turn
    stripped, no system prompt (AgentBench.old ``src/agents/tgi_client.py``). FastChat's
    ``get_conversation_template("llama-2")`` is ``get_conv_template("llama-2")`` (its model adapter
    module needs psutil)."""
    from fastchat.conversation import get_conv_template

    conv = get_conv_template("llama-2")
    for i, text in enumerate(turns):
        conv.append_message(conv.roles[i % 2], text.strip())
    conv.append_message(conv.roles[1], None)
    return conv.get_prompt()


async def test_first_and_a_later_request_through_the_tgi_adapter_byte_for_byte():
    from adapters.tgi import TGIModel
    from harness.loop import run_episode
    from harness.registry import model_config
    from harness.task import RunContext
    from tasks.card_game import CardGame
    from tests.fakes.fake_tgi import FakeTGI

    task = CardGame()
    sample = task.samples("dev")[0]  # baseline 1, the model moves first
    guess = 'My guess: {"guess_type": "spray", "target_position": 0}'
    act = ' I attack. {"pick_fish": "eel", "action": "active", "target_position": 0}\n'
    with FakeTGI(max_input=4096, max_total=16384) as fake:
        fake.replies.extend([guess, act] * 20)
        _, config = model_config("agentlm-70b")
        model = TGIModel.from_config("agentlm-70b", {**config, "urls": [fake.url]})
        try:
            record = await run_episode(task, sample, model, RunContext(seed=0), "dev")
        finally:
            await model.aclose()
        bodies = [r["body"] for r in fake.requests if r["method"] == "POST"]
    assert record.status.value == "completed", record.error
    assert bodies[0]["inputs"] == llama2_as_agentbench_old([GUESS_RULES, ACK, FIRST_GUESS])
    assert bodies[0]["parameters"]["max_new_tokens"] == 512 and bodies[0]["parameters"]["truncate"] == 3584
    assert bodies[0]["parameters"]["do_sample"] is False and bodies[0]["parameters"]["temperature"] == 0.7
    # the second guess request: the first exchange, then the rules again, then the new request
    second_prompt = record.trajectory[1].next_messages[-1].content
    assert second_prompt.startswith("Previous Guess: ") and second_prompt.endswith("Please output your guess.")
    assert bodies[2]["inputs"] == llama2_as_agentbench_old([FIRST_GUESS, guess, GUESS_RULES, ACK, second_prompt])
    # the second action request carries the first action exchange before the rules
    first_action = record.trajectory[0].next_messages[-1].content
    assert bodies[3]["inputs"].startswith(llama2_as_agentbench_old([first_action, act, ACTION_RULES])[: -len(" [/INST]")])
