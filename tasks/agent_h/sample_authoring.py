"""Write the bundled sample set: authored conversations in glaive-function-calling-v2's format.

    python -m tasks.agent_h.sample_authoring      # rewrites sample_data/glaive/glaive-function-calling-v2.json

Deterministic (no randomness): 15 authored functions; for each, four requests that need the
function (the mirror set), one request that lacks a required argument (the right reply asks for
it) and three requests that need no function (answered plainly: general knowledge, out-of-scope
refusals, small talk). Plus rows the selection must skip: systems without functions, a call to a
function that is not offered, a chat that does not start with the user. Every text here is ours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("sample_data") / "glaive" / "glaive-function-calling-v2.json"
PREFIX = "SYSTEM: You are a helpful assistant with access to the following functions. Use them if required -\n"
NO_FUNCTIONS = "SYSTEM: You are a helpful assistant, with no access to external functions."


def fn(name: str, description: str, params: dict[str, tuple[str, str]], required: list[str]) -> dict[str, Any]:
    return {
        "name": name,
        "description": description,
        "parameters": {
            "type": "object",
            "properties": {k: {"type": t, "description": d} for k, (t, d) in params.items()},
            "required": required,
        },
    }


# (schema, tool requests [(user, args)], missing-argument request (user, follow-up reply))
FUNCTIONS: list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]], tuple[str, str]]] = [
    (fn("get_weather", "Get the current weather of a city", {"city": ("string", "The city name")}, ["city"]),
     [("What's the weather like in Reykjavik right now?", {"city": "Reykjavik"}),
      ("Is it raining in Bergen at the moment?", {"city": "Bergen"}),
      ("Tell me the current temperature in Nairobi.", {"city": "Nairobi"}),
      ("How windy is it in Wellington today?", {"city": "Wellington"})],
     ("Can you check the weather for me?", "Of course. Which city would you like the current weather for?")),
    (fn("convert_currency", "Convert an amount from one currency to another",
        {"amount": ("number", "The amount"), "from": ("string", "Source currency code"), "to": ("string", "Target currency code")}, ["amount", "from", "to"]),
     [("How much is 250 euros in Japanese yen?", {"amount": 250, "from": "EUR", "to": "JPY"}),
      ("Convert 80 Canadian dollars to US dollars, please.", {"amount": 80, "from": "CAD", "to": "USD"}),
      ("I have 1200 Swedish kronor. What is that in euros?", {"amount": 1200, "from": "SEK", "to": "EUR"}),
      ("What do 45 pounds come to in Swiss francs?", {"amount": 45, "from": "GBP", "to": "CHF"})],
     ("I need to convert some money into dollars.", "Sure. How much money do you want to convert, and from which currency?")),
    (fn("calculate_bmi", "Calculate the body mass index", {"weight_kg": ("number", "Weight in kilograms"), "height_m": ("number", "Height in meters")}, ["weight_kg", "height_m"]),
     [("I weigh 72 kg and I am 1.80 m tall. What is my BMI?", {"weight_kg": 72, "height_m": 1.8}),
      ("Compute the BMI for 58 kilograms and 1.62 meters.", {"weight_kg": 58, "height_m": 1.62}),
      ("My weight is 95 kg, my height 1.75 m. BMI please.", {"weight_kg": 95, "height_m": 1.75}),
      ("What's the body mass index of someone who is 1.68 m and 64 kg?", {"weight_kg": 64, "height_m": 1.68})],
     ("Could you work out my BMI?", "Happy to. Please tell me your weight in kilograms and your height in meters.")),
    (fn("search_recipes", "Find recipes that use the given ingredients", {"ingredients": ("array", "Ingredients to use")}, ["ingredients"]),
     [("Find me a recipe with chickpeas and spinach.", {"ingredients": ["chickpeas", "spinach"]}),
      ("What can I cook with eggs, leeks and cheese?", {"ingredients": ["eggs", "leeks", "cheese"]}),
      ("Any recipes using lentils and carrots?", {"ingredients": ["lentils", "carrots"]}),
      ("I have salmon and dill. Suggest a recipe.", {"ingredients": ["salmon", "dill"]})],
     ("I want to cook something tonight, can you find a recipe?", "Sure! Which ingredients do you have, or would you like to use?")),
    (fn("get_stock_price", "Get the latest price of a stock", {"symbol": ("string", "The ticker symbol")}, ["symbol"]),
     [("What is Nvidia's stock price right now? The ticker is NVDA.", {"symbol": "NVDA"}),
      ("Give me the current price of the stock with symbol SAP.", {"symbol": "SAP"}),
      ("How is IBM trading at the moment?", {"symbol": "IBM"}),
      ("Latest quote for the ticker TSLA, please.", {"symbol": "TSLA"})],
     ("Can you look up a stock price for me?", "Certainly. Which stock are you interested in? Please give me its ticker symbol.")),
    (fn("translate_text", "Translate text into another language", {"text": ("string", "The text"), "target_language": ("string", "The language to translate into")}, ["text", "target_language"]),
     [("Translate 'Where is the train station?' into Portuguese.", {"text": "Where is the train station?", "target_language": "Portuguese"}),
      ("How do you say 'thank you for your help' in Korean?", {"text": "thank you for your help", "target_language": "Korean"}),
      ("Please translate 'The meeting is postponed' to German.", {"text": "The meeting is postponed", "target_language": "German"}),
      ("Put 'I would like a coffee' into Italian.", {"text": "I would like a coffee", "target_language": "Italian"})],
     ("I need something translated.", "I can help with that. What text would you like translated, and into which language?")),
    (fn("calculate_tip", "Calculate the tip for a bill", {"bill_amount": ("number", "The bill total"), "tip_percentage": ("number", "The tip in percent")}, ["bill_amount", "tip_percentage"]),
     [("My bill is $86. How much is a 15% tip?", {"bill_amount": 86, "tip_percentage": 15}),
      ("What is a 20 percent tip on 42.50?", {"bill_amount": 42.5, "tip_percentage": 20}),
      ("Calculate an 18% tip for a 130 dollar dinner.", {"bill_amount": 130, "tip_percentage": 18}),
      ("Tip of 12% on a bill of 64, please.", {"bill_amount": 64, "tip_percentage": 12})],
     ("How much should I tip?", "I can calculate that. What is the total of your bill, and what percentage would you like to tip?")),
    (fn("get_news", "Get the latest news headlines for a topic", {"topic": ("string", "The news topic")}, ["topic"]),
     [("What are the latest headlines about renewable energy?", {"topic": "renewable energy"}),
      ("Show me today's news on the chess world championship.", {"topic": "chess world championship"}),
      ("Any recent news about space exploration?", {"topic": "space exploration"}),
      ("Get me the newest headlines on public transport.", {"topic": "public transport"})],
     ("Can you get me some news?", "Sure. Which topic would you like the latest headlines on?")),
    (fn("create_todo", "Add an item to the user's to-do list", {"task": ("string", "The task"), "due_date": ("string", "Due date, YYYY-MM-DD")}, ["task"]),
     [("Add 'renew passport' to my to-do list, due 2024-08-01.", {"task": "renew passport", "due_date": "2024-08-01"}),
      ("Put 'call the plumber' on my to-do list.", {"task": "call the plumber"}),
      ("Remind me to water the plants: add it as a task due 2024-05-03.", {"task": "water the plants", "due_date": "2024-05-03"}),
      ("Create a to-do item: buy a birthday card for Lena.", {"task": "buy a birthday card for Lena"})],
     ("Please add something to my to-do list.", "Of course. What task should I add, and does it have a due date?")),
    (fn("calculate_age", "Calculate a person's age from the birth date", {"birth_date": ("string", "Birth date, YYYY-MM-DD")}, ["birth_date"]),
     [("I was born on 1990-04-17. How old am I?", {"birth_date": "1990-04-17"}),
      ("Calculate the age of someone born 2001-11-30.", {"birth_date": "2001-11-30"}),
      ("How old is a person whose birth date is 1975-02-08?", {"birth_date": "1975-02-08"}),
      ("My daughter was born on 2015-06-21; what is her age?", {"birth_date": "2015-06-21"})],
     ("Can you tell me how old I am?", "I'd be glad to. What is your date of birth?")),
    (fn("find_restaurants", "Find restaurants in a city serving a cuisine", {"city": ("string", "The city"), "cuisine": ("string", "The cuisine")}, ["city"]),
     [("Find Ethiopian restaurants in Toronto.", {"city": "Toronto", "cuisine": "Ethiopian"}),
      ("Where can I eat ramen in Lyon?", {"city": "Lyon", "cuisine": "ramen"}),
      ("Any good vegetarian places in Krakow?", {"city": "Krakow", "cuisine": "vegetarian"}),
      ("List restaurants in Valencia.", {"city": "Valencia"})],
     ("I'm hungry, can you find me a restaurant?", "Sure! Which city are you in, and is there a cuisine you'd like?")),
    (fn("get_movie_details", "Get details of a movie by its title", {"title": ("string", "The movie title")}, ["title"]),
     [("Tell me about the movie 'Spirited Away'.", {"title": "Spirited Away"}),
      ("Who directed 'The Grand Budapest Hotel'?", {"title": "The Grand Budapest Hotel"}),
      ("When was 'Arrival' released?", {"title": "Arrival"}),
      ("Give me the details of the film 'Paddington 2'.", {"title": "Paddington 2"})],
     ("Can you look up a movie for me?", "Of course. What is the title of the movie?")),
    (fn("calculate_loan_payment", "Calculate the monthly payment of a loan",
        {"principal": ("number", "The loan amount"), "annual_rate": ("number", "Annual interest rate in percent"), "years": ("integer", "Loan term in years")}, ["principal", "annual_rate", "years"]),
     [("What's the monthly payment on a 200000 loan at 4.5% for 30 years?", {"principal": 200000, "annual_rate": 4.5, "years": 30}),
      ("I borrow 15000 at 6% over 5 years. Monthly payment?", {"principal": 15000, "annual_rate": 6, "years": 5}),
      ("Compute the payment for a 50000 loan, 3.2 percent, 10 years.", {"principal": 50000, "annual_rate": 3.2, "years": 10}),
      ("Loan of 8000 at 7.5% for 2 years: how much per month?", {"principal": 8000, "annual_rate": 7.5, "years": 2})],
     ("I'd like to know my loan payments.", "Sure, I can calculate that. What is the loan amount, the annual interest rate and the term in years?")),
    (fn("generate_password", "Generate a random password", {"length": ("integer", "Number of characters"), "include_symbols": ("boolean", "Whether to include symbols")}, ["length"]),
     [("Generate a 16-character password with symbols.", {"length": 16, "include_symbols": True}),
      ("I need a new password, 12 characters long.", {"length": 12}),
      ("Make me a 20 character password without symbols.", {"length": 20, "include_symbols": False}),
      ("Create a random password of length 10.", {"length": 10})],
     ("Can you make me a password?", "Sure. How many characters long should it be, and should it include symbols?")),
    (fn("check_email_address", "Check whether an email address is valid", {"email": ("string", "The email address")}, ["email"]),
     [("Is marta.k@example.org a valid email address?", {"email": "marta.k@example.org"}),
      ("Check the email address info@bakery-lumen.net for me.", {"email": "info@bakery-lumen.net"}),
      ("Can you validate j.doe@@example.com?", {"email": "j.doe@@example.com"}),
      ("Please verify the address support@example.io.", {"email": "support@example.io"})],
     ("Could you check an email address?", "Of course. Which email address should I check?")),
]

# Requests that need no function at all, with plain answers.
PLAIN: list[tuple[str, str]] = [
    ("What is the capital of Australia?", "The capital of Australia is Canberra."),
    ("Can you book me a flight to Madrid?", "I'm sorry, but I can't book flights. That is an external task and none of the functions available to me can do it. A travel website or agency can help you with the booking."),
    ("Thanks, that was really helpful!", "You're welcome! Let me know if there is anything else I can help you with."),
    ("Why is the sky blue?", "Sunlight is scattered by the molecules in the air, and shorter (blue) wavelengths are scattered much more than longer (red) ones, so the sky looks blue from every direction."),
    ("Please order a large pizza for me.", "I'm sorry, but I'm not able to place orders. I can only help with the tasks my available functions cover."),
    ("Tell me a joke.", "Why did the scarecrow win an award? Because he was outstanding in his field!"),
    ("How many days are there in a leap year?", "A leap year has 366 days."),
    ("Who wrote 'Pride and Prejudice'?", "'Pride and Prejudice' was written by Jane Austen and published in 1813."),
    ("Can you send a text message to my brother?", "I'm sorry, but I can't send text messages. That isn't something I'm able to do here."),
    ("What does 'ephemeral' mean?", "'Ephemeral' means lasting for a very short time."),
    ("Hello! How are you today?", "Hello! I'm doing well, thank you. How can I help you today?"),
    ("What is the boiling point of water at sea level in Fahrenheit?", "At sea level, water boils at 212 degrees Fahrenheit."),
    ("Could you turn off the lights in my living room?", "I'm sorry, but I can't control devices in your home. I don't have a way to do that."),
    ("Summarize the plot of Romeo and Juliet in one sentence.", "Two young lovers from feuding families in Verona secretly marry, and a chain of misunderstandings leads to both of their deaths, which finally reconciles their families."),
    ("What is 7 times 8?", "7 times 8 is 56."),
    ("Can you recommend a good habit for better sleep?", "Try keeping a consistent schedule: go to bed and wake up at the same time every day, even on weekends."),
    ("Please pay my electricity bill.", "I'm sorry, but I can't make payments. You can usually pay your electricity bill through your provider's website or app."),
    ("What is photosynthesis?", "Photosynthesis is the process by which plants, algae and some bacteria use light energy to turn carbon dioxide and water into glucose and oxygen."),
    ("Goodbye!", "Goodbye! Have a great day."),
    ("Which planet is closest to the sun?", "Mercury is the planet closest to the sun."),
    ("Can you schedule a meeting with my team for Monday?", "I'm sorry, but I'm unable to schedule meetings. My capabilities are limited to the functions provided to me."),
    ("What is the difference between weather and climate?", "Weather is the short-term state of the atmosphere at a place and time; climate is the average pattern of weather over many years."),
    ("Write a haiku about autumn.", "Crimson leaves drifting\nquiet paths of amber light\nthe year exhales slow"),
    ("How do I say hello in Spanish?", "In Spanish, hello is 'hola'."),
    ("Can you call a taxi to my address?", "I'm sorry, but I can't call a taxi for you. A local taxi company or a ride-hailing app can help."),
    ("What is the largest ocean on Earth?", "The Pacific Ocean is the largest ocean on Earth."),
    ("Give me a tip for learning a new language.", "Practise a little every day: short daily sessions with speaking and listening help far more than occasional long ones."),
    ("Is a tomato a fruit or a vegetable?", "Botanically, a tomato is a fruit, because it develops from a flower and contains seeds; in cooking it is usually treated as a vegetable."),
    ("Please delete all my emails.", "I'm sorry, but I don't have access to your email account, so I can't delete emails."),
    ("What year did the first person walk on the moon?", "The first moon landing with people walking on the surface was in 1969, during the Apollo 11 mission."),
    ("Can you explain what a prime number is?", "A prime number is a whole number greater than 1 whose only divisors are 1 and itself, such as 2, 3, 5 and 7."),
    ("I feel a bit bored. Any ideas?", "You could take a short walk, start a book you've been meaning to read, try a new recipe or call a friend you haven't spoken to in a while."),
    ("Buy two tickets for the concert on Saturday.", "I'm sorry, but I can't buy tickets. The concert venue or a ticketing website can help you with that."),
    ("What's the chemical symbol for gold?", "The chemical symbol for gold is Au."),
    ("How long should I boil an egg for a soft yolk?", "About 6 to 7 minutes in boiling water gives a soft, jammy yolk."),
    ("Can you remind me what a noun is?", "A noun is a word that names a person, place, thing or idea, such as 'teacher', 'city' or 'happiness'."),
    ("Open the garage door, please.", "I'm sorry, but I can't open your garage door; I'm not connected to any home devices."),
    ("What is the square root of 144?", "The square root of 144 is 12."),
    ("Who painted the Mona Lisa?", "The Mona Lisa was painted by Leonardo da Vinci."),
    ("Could you post this photo to my Instagram?", "I'm sorry, but I can't post to social media accounts."),
    ("What's a synonym for 'happy'?", "A synonym for 'happy' is 'joyful'."),
    ("How many continents are there?", "There are seven continents: Africa, Antarctica, Asia, Australia, Europe, North America and South America."),
    ("Thank you, that's all for now.", "You're welcome! Feel free to come back anytime."),
    ("Why do cats purr?", "Cats purr when they are content, but also to soothe themselves when stressed or hurt; the sound comes from rapid movements of the muscles in the larynx."),
    ("Reserve a table at a restaurant for eight people tonight.", "I'm sorry, but I can't make reservations. Please contact the restaurant directly to reserve a table."),
]

ROWS_TO_SKIP: list[dict[str, str]] = [
    {"system": NO_FUNCTIONS, "chat": "USER: What is the tallest mountain in Africa?\n\n\nASSISTANT: The tallest mountain in Africa is Mount Kilimanjaro. <|endoftext|>\n\n\n"},
    {"system": NO_FUNCTIONS, "chat": "USER: Name three primary colors.\n\n\nASSISTANT: Red, yellow and blue. <|endoftext|>\n\n\n"},
    {"system": NO_FUNCTIONS, "chat": "USER: What is the freezing point of water in Celsius?\n\n\nASSISTANT: Water freezes at 0 degrees Celsius. <|endoftext|>\n\n\n"},
    {"system": NO_FUNCTIONS, "chat": "USER: Explain gravity in one sentence.\n\n\nASSISTANT: Gravity is the force by which masses attract one another. <|endoftext|>\n\n\n"},
    {"system": NO_FUNCTIONS, "chat": "USER: Spell 'necessary'.\n\n\nASSISTANT: N-E-C-E-S-S-A-R-Y. <|endoftext|>\n\n\n"},
    {"system": NO_FUNCTIONS, "chat": "USER: What is 15% of 200?\n\n\nASSISTANT: 15% of 200 is 30. <|endoftext|>\n\n\n"},
]


def _system(functions: list[dict[str, Any]]) -> str:
    return PREFIX + "\n".join(json.dumps(f, indent=4) for f in functions)


def _plain_row(functions: list[dict[str, Any]], user: str, reply: str) -> dict[str, str]:
    return {"system": _system(functions), "chat": f"USER: {user}\n\n\nASSISTANT: {reply} <|endoftext|>\n\n\n"}


def _call_row(functions: list[dict[str, Any]], user: str, name: str, args: dict[str, Any]) -> dict[str, str]:
    call = "<functioncall> " + json.dumps({"name": name, "arguments": "ARGS"}).replace('"ARGS"', "'" + json.dumps(args) + "'")
    chat = (
        f"USER: {user}\n\n\nASSISTANT: {call} <|endoftext|>\n\n\n"
        f'FUNCTION RESPONSE: {{"status": "success"}}\n\n\n'
        "ASSISTANT: All done, here is what I found. <|endoftext|>\n\n\n"
    )
    return {"system": _system(functions), "chat": chat}


def build_rows() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    plain = iter(PLAIN)
    for i, (schema, requests, (ask, follow_up)) in enumerate(FUNCTIONS):
        # every third system offers a second function too (glaive has multi-function systems)
        offered = [schema] if i % 3 else [schema, FUNCTIONS[(i + 1) % len(FUNCTIONS)][0]]
        for user, args in requests:
            rows.append(_call_row(offered, user, schema["name"], args))
        rows.append(_plain_row(offered, ask, follow_up))
        for _ in range(3):
            rows.append(_plain_row(offered, *next(plain)))
    rows.extend(ROWS_TO_SKIP)
    # a call to a function the system does not offer, and a chat that starts with the assistant
    first = FUNCTIONS[0][0]
    rows.append(_call_row([first], "Convert 10 euros to dollars.", "convert_currency", {"amount": 10, "from": "EUR", "to": "USD"}))
    rows.append({"system": _system([first]), "chat": "ASSISTANT: Hello, how can I help? <|endoftext|>\n\n\nUSER: Weather in Oslo?\n\n\n"})
    return rows


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build_rows(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
