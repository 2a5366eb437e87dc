"""Raw replays of the environments that run in other processes: the same episodes, driven
straight through each environment's own API with the actions the harness sent (read from its
records), set up per episode as the protocol requires and nothing more.

Each replay has ``extract(task, sample, record) -> item`` (in the recording worker: what the raw
client needs, JSON), ``setup(task) -> state`` (shared services: outside the measured window, as
the harness's ``Task.start`` is), ``episode(state, item) -> seconds of per-episode set-up`` and ``teardown(state)``.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

# -- SciWorld: the package's ScienceWorldEnv, a fresh JVM per episode ------------------------------


class SciWorldRaw:
    """The original's simulator calls (``eval.py``): a new ``ScienceWorldEnv``, ``load`` with the
    gold path generated, the task description, ``reset`` (which steps "look around"), then per
    command ``findValidActionNew``'s two queries (valid combinations, inventory) and ``step``."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        commands = [t["info"]["command"] for t in record["trajectory"] if "command" in t["info"]]
        return {"task_name": sample.data["task_name"], "variation": sample.data["variation"],
                "step_limit": task.step_limit, "commands": commands}

    @staticmethod
    def setup(task) -> None:
        return None

    @staticmethod
    def episode(state, item) -> None:
        from scienceworld import ScienceWorldEnv

        from tasks.sciworld.variations import SIMPLIFICATION

        started = time.monotonic()
        env = ScienceWorldEnv("", None, envStepLimit=item["step_limit"])
        try:
            env.load(item["task_name"], item["variation"], SIMPLIFICATION, generateGoldPath=True)
            env.taskdescription()
            env.reset()
            setup_s = time.monotonic() - started
            for command in item["commands"]:
                env.get_valid_action_object_combinations()
                env.inventory()
                env.step(command)
        finally:
            env.close()
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        return None


# -- DB: one database per sample on a MariaDB server, through pymysql -------------------------------


class DBRaw:
    """Connect, create the sample's database and table, insert its rows, create the sample's user
    (privileges on its database only) and connect as it, run the statements the harness ran (and
    the md5 fingerprint for INSERT/UPDATE items), drop the database and the user."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        item = task._item(sample)
        info = item.table.table_info
        sqls = [t["info"]["sql"] for t in record["trajectory"] if "sql" in t["info"]]
        return {"table": item.table.table_name, "columns": [c.name for c in info.columns],
                "rows": [[c if isinstance(c, str) else str(c) for c in row] for row in info.rows],
                "sqls": sqls, "modifies": item.modifies}

    @staticmethod
    def setup(task):
        from tasks.dbbench.database import probe
        from tasks.dbbench.server import MariaDBServer

        server = MariaDBServer()
        target = server.start()
        return server, target, probe(target)

    @staticmethod
    def episode(state, item) -> None:
        import pymysql
        from pymysql.constants import CLIENT
        from pymysql.converters import escape_string

        _, target, profile = state
        started = time.monotonic()
        conn = pymysql.connect(**target.connect_kwargs(), charset="utf8mb4", autocommit=True,
                               client_flag=CLIENT.MULTI_STATEMENTS, init_command=profile.init_command())
        name = f"raw_{uuid.uuid4().hex[:16]}"
        table = item["table"]
        columns = ",".join(f"`{escape_string(c)}`" for c in item["columns"])
        statements = [f"CREATE TABLE IF NOT EXISTS `{table}` ({','.join(f'`{escape_string(c)}` TEXT' for c in item['columns'])})"]
        if item["rows"]:
            values = ",".join("(" + ",".join(f"'{escape_string(v)}'" for v in row) + ")" for row in item["rows"])
            statements.append(f"INSERT INTO `{table}` ({columns}) VALUES {values}")
        sqls = list(item["sqls"])
        if item["modifies"]:
            sqls.append(
                f"select md5(group_concat(rowhash order by rowhash)) as hash from( SELECT substring(MD5(CONCAT_WS(',', "
                f"{columns})), 1, 5) AS rowhash FROM `{table}`) as sub;"
            )
        password = uuid.uuid4().hex
        try:
            with conn.cursor() as cur:
                cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE {profile.collation}")
                conn.select_db(name)
                for statement in statements:
                    try:
                        cur.execute(statement)
                    except pymysql.MySQLError:
                        break  # data defects: the table stays empty or missing, as the episode saw it
                cur.execute("CREATE USER %s@'localhost' IDENTIFIED BY %s", (name, password))
                cur.execute(f"GRANT ALL PRIVILEGES ON `{name}`.* TO %s@'localhost'", (name,))
            agent = pymysql.connect(**{**target.connect_kwargs(), "user": name, "password": password}, database=name,
                                    charset="utf8mb4", autocommit=True, client_flag=CLIENT.MULTI_STATEMENTS,
                                    init_command=profile.init_command())
            setup_s = time.monotonic() - started
            try:
                with agent.cursor() as cur:
                    for statement in sqls:
                        try:
                            cur.execute(statement)
                            cur.fetchall()
                        except pymysql.MySQLError:
                            pass  # erroring statements: as the episode saw them
            finally:
                agent.close()
            with conn.cursor() as cur:
                cur.execute(f"DROP DATABASE `{name}`")
                cur.execute("DROP USER %s@'localhost'", (name,))
        finally:
            conn.close()
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        state[0].stop()


# -- OS: the local sandbox, one per sample -----------------------------------------------------------


class OSRaw:
    """AgentBench.old's sequence (the task's default observations): start a sandbox, open its
    terminal with the login shell, run the init scripts, type the start script, type the same
    commands and read the terminal, run the check chain with the same answer, destroy the sandbox."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        from tasks.os_interaction.problems import extract_action

        commands, answer = [], None
        for turn in record["trajectory"]:
            action = extract_action(turn["output"])
            if action.action == "bash":
                commands.append(action.content or "")
            elif action.action == "commit":
                answer = action.content
        return {"problem": sample.data, "commands": commands, "answer": answer,
                "timeout": float(task.option("command_timeout")), "observation": task.option_choice("observation")}

    @staticmethod
    def setup(task) -> None:
        from tasks.services.sandbox import check_available

        check_available("local")

    @staticmethod
    def episode(state, item) -> float:
        from tasks.os_interaction.env import independent_argv
        from tasks.os_interaction.problems import Problem
        from tasks.services.sandbox import SandboxLimits, make_sandbox

        problem = Problem.model_validate(item["problem"])
        old = item["observation"] == "old"
        started = time.monotonic()
        sandbox = make_sandbox("local", SandboxLimits(command_timeout_s=item["timeout"]), container_like=old)
        sandbox.start()
        try:
            terminal = sandbox.open_terminal() if old else None
            for script in problem.init:
                sandbox.exec(independent_argv(script, []))
            if problem.start is not None:
                code = problem.start[1]
                if terminal is not None:
                    terminal.execute(code)
                else:
                    sandbox.shell(code, typed="\n" not in code.strip())
            setup_s = time.monotonic() - started
            for command in item["commands"]:
                if terminal is not None:
                    terminal.execute(command).output.decode("utf-8", errors="replace")
                else:
                    sandbox.shell(command)
            if problem.match is None:
                params = [str(item["answer"])]
                for script in problem.check or []:
                    result = sandbox.exec(independent_argv(script or problem.example, params))
                    if result.exit_code != 0:
                        break
                    params.append(result.output)
        finally:
            sandbox.close()
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        return None


# -- MiniWoB++: a page per episode in one reused headless Chromium -----------------------------------


class MiniWoBRaw:
    """Load the task page, seed it, start the episode, read the page, then per instruction the
    same Selenium action, the episode's reward fields and (unless done) the page again. One
    Chromium for all episodes, started by the first (the harness's pool starts its own then too)."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        instructions = [t["info"]["instruction"] for t in record["trajectory"] if "instruction" in t["info"]]
        name = sample.data["task"]
        return {"url": task.pages.url(name), "seed": sample.data["seed"], "instructions": instructions,
                "max_time_ms": task.max_time_ms(name)}

    @staticmethod
    def setup(task) -> dict:
        return {}

    @staticmethod
    def episode(state, item) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait

        from tasks.miniwob.browser import new_driver
        from tasks.miniwob.dom_text import read_state
        from tasks.miniwob.instructions import execute, parse_instruction

        started = time.monotonic()
        if "driver" not in state:  # started by the first episode, as the harness's browser pool does
            state["driver"] = new_driver()
        driver = state["driver"]
        driver.get(item["url"])
        WebDriverWait(driver, 10).until(EC.presence_of_element_located((By.ID, "sync-task-cover")))
        driver.execute_script(f"Math.seedrandom({item['seed']!r});")
        if item["max_time_ms"] is not None:
            driver.execute_script(f"core.EPISODE_MAX_TIME = {item['max_time_ms']};")
        driver.execute_script('core.setDataMode("train");')
        driver.execute_script("core.startEpisodeReal();")
        while not driver.execute_script("return WOB_TASK_READY;"):
            pass
        read_state(driver)
        setup_s = time.monotonic() - started
        for instruction in item["instructions"]:
            execute(driver, parse_instruction(instruction))
            done = driver.execute_script(
                "return {done: WOB_DONE_GLOBAL, env_reward: WOB_REWARD_GLOBAL,"
                " raw_reward: WOB_RAW_REWARD_GLOBAL, reason: WOB_REWARD_REASON};"
            )["done"]
            if done:
                break
            read_state(driver)
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        if "driver" in state:
            state["driver"].quit()


# -- ALFWorld: TextWorld's engine, one process per game ----------------------------------------------


class ALFWorldRaw:
    """Read the game file, make it playable with the logic files, load it in a game process of
    its own (the engine's isolation, as the task runs it), play the same commands, end the process."""

    @staticmethod
    def extract(task, sample, record) -> dict[str, Any]:
        from tasks.alfworld.sources import GAMES_SOURCE

        commands = [t["info"]["action"] for t in record["trajectory"] if "action" in t["info"]]
        return {"game": str(task._dir(GAMES_SOURCE.name) / sample.data["game"]), "label": sample.data["game"],
                "commands": commands}

    @staticmethod
    def setup(task):
        return task.logic()

    @staticmethod
    def episode(logic, item) -> float:
        from pathlib import Path

        from tasks.alfworld.engine import GameFile
        from tasks.alfworld.process import GameProcess

        started = time.monotonic()
        game = GameProcess(GameFile.read(Path(item["game"])).playable(logic), label=item["label"])
        try:
            game.reset()
            setup_s = time.monotonic() - started
            for command in item["commands"]:
                game.step(command)
        finally:
            game.close()
        return setup_s

    @staticmethod
    def teardown(state) -> None:
        return None
