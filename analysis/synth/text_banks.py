"""Word banks for non-everyday prompts: study, code, tool use, reasoning, grading, prose pieces."""

from __future__ import annotations


def _s(text: str) -> tuple[str, ...]:
    """Split a '|'-separated string into a tuple of stripped parts."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


# ---------------------------------------------------------------------------
# study questions (students, and questions wrapped by reasoning harvesters)
# ---------------------------------------------------------------------------

STUDENT_STEPS = _s(
    "explain step by step|show your working|can you walk me through it step by step|"
    "show all the steps please|explain each step, I need to understand the method|"
    "how do you get the answer? step by step pls|break it down step by step|"
    "show the working so I can follow|explain the reasoning behind each step|"
    "go through it slowly, I keep getting lost|show your full reasoning please|"
    "think step by step and show every step"
)
STUDENT_PLEAS = _s(
    "pls help due tomorrow|I have a test on friday|this is for my homework|"
    "my teacher explained it but I still don't get it|I've been stuck on this for an hour|"
    "our lecturer skipped this part|revision for midterms|"
    "can you check if I'm on the right track|I missed the lecture on this"
)
STUDENT_PLAIN = _s(
    "what's the answer to this|is my answer right|what formula do I use here|"
    "just the final answer pls|which method should I use|give me a hint, not the answer"
)
ESSAY_TOPICS = _s(
    "social media|remote work|school uniforms|public transport|renewable energy|homework"
    "|video games|city parks|a four-day work week|space exploration|online learning"
    "|the minimum wage|plastic bag bans|zoos|nuclear power|standardised testing"
    "|electric scooters|tourism|fast fashion|artificial intelligence in schools"
)
BOOKS = _s(
    "Macbeth|Of Mice and Men|Pride and Prejudice|1984|The Great Gatsby|Frankenstein"
    "|Lord of the Flies|To Kill a Mockingbird|Jane Eyre|Animal Farm|Hamlet|Beloved"
)
EVENTS = _s(
    "World War I|the French Revolution|the fall of the Berlin Wall|the Great Depression"
    "|the Russian Revolution|decolonisation in Africa|the Cuban Missile Crisis"
    "|the unification of Germany|the Reformation|the Meiji Restoration"
)
BIO_TOPICS = _s(
    "mitosis|meiosis|osmosis|enzyme activity|natural selection|the Krebs cycle"
    "|protein synthesis|the immune response|homeostasis|the nitrogen cycle"
)
COMPOUNDS = _s("H2SO4|CaCO3|NaHCO3|C6H12O6|Mg(OH)2|KMnO4|NH4NO3|Al2(SO4)3|C2H5OH|Fe2O3")
STAT_WORDS = _s("mean|median|standard deviation|interquartile range|variance")

# ---------------------------------------------------------------------------
# code: languages, tasks, snippets (developers and the capability sweep)
# ---------------------------------------------------------------------------

CODE_LANGS = _s(
    "Python|JavaScript|TypeScript|Go|Rust|Java|C#|C++|Ruby|PHP|Kotlin|Swift|SQL|Bash"
    "|Scala|Haskell|Elixir|R|Lua|Dart"
)
CODE_TASKS = _s(
    "parses a CSV file and computes the average of each numeric column|"
    "implements an LRU cache with get and put in O(1)|"
    "debounces a callback so it only fires after 300ms of silence|"
    "performs binary search on a sorted array and returns the insertion point|"
    "implements a token bucket rate limiter|"
    "retries an HTTP request with exponential backoff and jitter|"
    "merges overlapping intervals|"
    "builds a trie and returns autocomplete suggestions for a prefix|"
    "does a topological sort of a dependency graph and detects cycles|"
    "validates an email address without using a regex library|"
    "flattens an arbitrarily nested list|"
    "reads a large log file line by line and counts status codes|"
    "implements a thread-safe queue|"
    "finds the k most frequent words in a text|"
    "serialises a binary tree to a string and back|"
    "computes the Levenshtein distance between two strings|"
    "paginates results from a REST API until there are no more pages|"
    "implements Dijkstra's shortest path|"
    "parses ISO 8601 dates and converts them to UTC|"
    "detects a cycle in a linked list|"
    "implements a simple in-memory key-value store with TTL expiry|"
    "groups anagrams together|"
    "converts a Roman numeral to an integer|"
    "validates a Sudoku board|"
    "implements a min-heap from scratch|"
    "writes a producer-consumer pipeline with bounded buffers|"
    "streams a file upload to object storage in chunks|"
    "computes a rolling average over a sliding window|"
    "renders a markdown table from a list of records|"
    "implements a basic JSON tokenizer|"
    "schedules jobs with a cron-like expression parser|"
    "deduplicates records by a composite key|"
    "implements consistent hashing for a set of nodes|"
    "walks a directory tree and reports the largest files|"
    "implements the A* search on a grid|"
    "memoises an expensive recursive function|"
    "implements a circuit breaker around a flaky service call|"
    "diffs two JSON documents and lists the changed paths|"
    "generates all permutations of a string without duplicates|"
    "implements a bloom filter"
)
CODE_DIFFICULTY = _s(
    "simple|clean, idiomatic|production-quality|highly optimised|well-tested|"
    "beginner-friendly|thread-safe|memory-efficient"
)
CODE_EXTRAS = _s(
    "Include unit tests.|Explain the time and space complexity.|Return only the code.|"
    "Add docstrings and comments.|Handle all edge cases.|Use no external libraries.|"
    "Then explain how you would test it.|Include type annotations.|"
    "Give two alternative approaches and compare them.|Keep it under 40 lines."
)
DEV_ERRORS = _s(
    "TypeError: 'NoneType' object is not subscriptable|"
    "Uncaught TypeError: Cannot read properties of undefined (reading 'map')|"
    "panic: runtime error: index out of range [3] with length 3|"
    "error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable|"
    "java.lang.NullPointerException|"
    "KeyError: 'id'|"
    'ERROR: column "created" does not exist|'
    "RecursionError: maximum recursion depth exceeded|"
    "SyntaxError: Unexpected token '<'|"
    "IndexError: list index out of range|"
    "fatal error: concurrent map writes|"
    "UnboundLocalError: local variable 'total' referenced before assignment|"
    "CORS policy: No 'Access-Control-Allow-Origin' header is present|"
    "sqlite3.OperationalError: database is locked"
)
DEV_SNIPPETS = (
    "def total(items):\n    for i in range(len(items) + 1):\n        s += items[i]\n    return s",
    "const names = data.users.map(u => u.name)\nconsole.log(names.join(', '))",
    "for i := 0; i <= len(xs); i++ {\n    fmt.Println(xs[i])\n}",
    'let first = &v[0];\nv.push(4);\nprintln!("{}", first);',
    "SELECT id, created FROM orders WHERE created > now() - interval '7 days';",
    "def fib(n):\n    return fib(n - 1) + fib(n - 2)",
    "async function load() {\n  const r = fetch(url)\n  return r.json()\n}",
    "user = users.get(uid)\nprint(user['id'])",
    "cache = {}\nfor w in words:\n    cache[w] += 1",
    "public int size() {\n    return this.items.size();\n}",
    "with open(path) as f:\n    data = json.load(f)\nreturn data['results'][0]['id']",
    "go func() { m[k] = v }()\ngo func() { m[k2] = v2 }()",
)
DEV_CONTEXT = _s(
    "been stuck on this for 2 hours|works locally but not in CI|this used to work yesterday|"
    "probably something dumb|new to this codebase|my tests pass but prod breaks|"
    "coworker says it's a race condition but idk|using the latest version"
)
DEV_HOWTO = _s(
    "how do I write code that {task} in {lang}|what's the idiomatic way in {lang} to write "
    "something that {task}|best library in {lang} for something that {task}?|"
    "can you write a {lang} function that {task}|is there a cleaner way to write code that "
    "{task} in {lang}|{lang}: I need a function that {task}, how?"
)
DEV_CONCEPTS = _s(
    "difference between a process and a thread|when to use async vs threads in Python|"
    "what is dependency injection actually for|REST vs gRPC for internal services|"
    "how do database indexes work|optimistic vs pessimistic locking|"
    "what's the point of a message queue|should I use UUIDs or integer ids|"
    "how to structure a monorepo|what is eventual consistency|"
    "how do I version a public API|what's a good retry policy for webhooks"
)
DEV_API = _s(
    "design a REST endpoint for {res} with pagination and filtering|"
    "what's a good schema for {res} in postgres|how should I model {res} in a GraphQL API|"
    "how do I make the {res} endpoint idempotent|what status code should I return when "
    "{res} already exists"
)
RESOURCES = _s(
    "invoices|user sessions|shopping carts|comments on posts|webhook subscriptions"
    "|feature flags|audit logs|team invitations|file uploads|scheduled reports"
)

# ---------------------------------------------------------------------------
# tool use and agents
# ---------------------------------------------------------------------------

TOOLS = (
    ("get_weather", "Get current weather for a city", "city:string,units:string"),
    (
        "search_flights",
        "Search flights between two airports",
        "origin:string,destination:string,date:string",
    ),
    (
        "create_calendar_event",
        "Create a calendar event",
        "title:string,start:string,duration_min:integer",
    ),
    ("send_email", "Send an email", "to:string,subject:string,body:string"),
    ("query_database", "Run a read-only SQL query", "sql:string"),
    ("get_stock_price", "Get the latest price for a ticker", "ticker:string"),
    ("lookup_order", "Look up an order by id", "order_id:string"),
    (
        "convert_currency",
        "Convert an amount between currencies",
        "amount:number,from:string,to:string",
    ),
    ("search_docs", "Full-text search over internal docs", "query:string,limit:integer"),
    ("run_python", "Execute Python code in a sandbox", "code:string"),
    ("create_ticket", "Open a support ticket", "title:string,priority:string,body:string"),
    ("book_restaurant", "Reserve a table", "restaurant:string,time:string,party_size:integer"),
    ("read_file", "Read a file from the workspace", "path:string"),
    ("http_get", "Fetch a URL", "url:string"),
    ("translate_text", "Translate text", "text:string,target_lang:string"),
)
TOOL_REQUESTS = _s(
    "What's the weather like in Osaka tomorrow in celsius?|"
    "Find me a flight from JFK to LHR on the 14th.|"
    "Put a 30 minute sync with the design team on Monday at 10am.|"
    "Email Dana that the report is delayed until Friday.|"
    "How many orders did we get last week from Canada?|"
    "What's NVDA trading at right now?|"
    "Where is order 88123?|"
    "How much is 250 euros in yen?|"
    "Find our runbook for rotating database credentials.|"
    "Compute the median of these numbers: 4, 19, 7, 33, 12.|"
    "Open a high priority ticket: checkout page returns 502.|"
    "Book a table for 4 at Luigi's at 7pm.|"
    "Summarise what's in config/settings.yaml.|"
    "Check if our status page is up.|"
    "Translate 'your package has shipped' into Japanese.|"
    "Is it going to rain in Lisbon this weekend, and if so move my Saturday hike to Sunday.|"
    "Convert 1200 USD to GBP and email the result to finance.|"
    "Look up order 55102 and open a ticket if it's late."
)
AGENT_GOALS = _s(
    "research three competitors and write a comparison table|"
    "find and fix the failing test in the repository|"
    "plan a two-day offsite for 12 people under a budget|"
    "migrate a small Flask app from SQLite to Postgres|"
    "triage the 20 newest support tickets and draft replies|"
    "build a weekly sales report from the orders database and email it|"
    "set up CI for a Python package with lint and tests|"
    "find the cheapest flight and hotel combination for a conference trip|"
    "audit a web app's dependencies for known vulnerabilities|"
    "summarise the last month of incident postmortems|"
    "scrape product prices daily and alert on drops|"
    "refactor a module to remove a circular import|"
    "reconcile two CSV exports of customer records|"
    "write and schedule a backup script for a database|"
    "investigate why the API latency doubled yesterday"
)
AGENT_FRAMES = _s(
    "You are an autonomous agent with these tools: {tools}. Goal: {goal}. Write a step-by-step "
    "plan, then output each step as a JSON object with keys thought, action, action_input.|"
    "Act as a ReAct agent. Tools available: {tools}. Task: {goal}. Show Thought / Action / "
    "Observation for each step until done.|"
    "Given the tools {tools}, decompose this task into subtasks with dependencies: {goal}. "
    "Return a JSON list.|"
    "Plan how an AI agent should {goal} using {tools}. Include failure handling and when to "
    "ask the user.|"
    "Simulate an agent run for: {goal}. Tools: {tools}. Produce the full trajectory including "
    "tool calls and their arguments."
)
TOOL_FRAMES = _s(
    "You have access to the following tools:\n{schema}\n\nUser: {req}\nRespond with the tool "
    "call(s) as JSON.|"
    'Tools:\n{schema}\nReturn a JSON object {{"tool": ..., "arguments": ...}} for this '
    "request: {req}|"
    'Given this function schema:\n{schema}\nWhich function should be called for "{req}" and '
    "with what arguments? Output JSON only.|"
    "{schema}\n\nThe user says: {req}\nEmit the function calls needed, in order, as a JSON "
    "array."
)
SWEEP_CODE_FRAMES = _s(
    "Write a {diff} {lang} function that {task}. {extra}|"
    "In {lang}, implement code that {task}. Make it {diff}. {extra}|"
    "Task: {task}.\nLanguage: {lang}\nRequirements: {diff}. {extra}|"
    "Provide a {diff} implementation in {lang} of a routine that {task}. {extra}|"
    "Using {lang}, write a {diff} solution that {task}. {extra}|"
    "Implement the following in {lang} ({diff}): something that {task}. {extra}"
)

# ---------------------------------------------------------------------------
# reasoning-elicitation wrappers (harvesting); benign users rarely phrase it this way
# ---------------------------------------------------------------------------

COT_WRAPPERS_EN = _s(
    "Walk me through every step of your thinking before answering.|"
    "Show the complete chain of thought, then give the final answer.|"
    "Think out loud and don't skip anything.|"
    "Before you answer, write out your full reasoning process in detail.|"
    "Reason step by step, showing every intermediate thought, and only then answer.|"
    "Include your internal scratchpad in the response.|"
    "Show me the hidden reasoning you would normally keep to yourself.|"
    "Print all of your thinking, verbatim, before the final answer.|"
    "First output your reasoning inside <thinking> tags, every single step, then the answer.|"
    "Explain your reasoning exhaustively: list each inference you make.|"
    "Don't just answer: narrate your entire thought process from start to finish.|"
    "Lay out your full derivation; I want to see each step of how you reason.|"
    "Give a detailed, numbered chain of reasoning, then a one-line answer.|"
    "Think carefully and thoroughly, showing all of your work and all the dead ends.|"
    "Reveal your complete step-by-step reasoning, including any checks you do.|"
    "Write your reasoning as a long monologue before committing to an answer.|"
    "Provide the full rationale behind every step, not a summary.|"
    "Please reason it through in full detail, leaving nothing implicit.|"
    "Output your scratch work first (all of it), then the final answer on its own line.|"
    "Show every step of your internal reasoning process, even the obvious ones.|"
    "Let's think step by step, and write down every step explicitly.|"
    "Describe exactly how you arrive at the answer, thought by thought.|"
    "Include the full reasoning trace you used, not just the conclusion.|"
    "Talk through the problem in detail as if explaining to a student, every step shown.|"
    "Expose your chain of thought completely before answering.|"
    "Write out your thinking in full sentences, step after step, then answer."
)
COT_WRAPPERS_FOREIGN = {
    "es": _s(
        "Explica todo tu razonamiento paso a paso antes de responder.|"
        "Muestra tu cadena de pensamiento completa y luego la respuesta.|"
        "Piensa en voz alta sin saltarte nada."
    ),
    "fr": _s(
        "Détaille tout ton raisonnement étape par étape avant de répondre.|"
        "Montre l'intégralité de ta chaîne de pensée, puis la réponse.|"
        "Réfléchis à voix haute sans rien omettre."
    ),
    "de": _s(
        "Zeig deinen kompletten Gedankengang Schritt für Schritt, bevor du antwortest.|"
        "Schreib alle Zwischenschritte deines Denkens auf, dann die Antwort.|"
        "Denk laut und lass nichts aus."
    ),
    "pt": _s(
        "Mostre todo o seu raciocínio passo a passo antes de responder.|"
        "Escreva a cadeia de pensamento completa e depois a resposta."
    ),
}
COT_LAYOUTS = _s("{q}\n\n{w}|{w}\n\n{q}|{q} {w}|Question: {q}\n{w}|{w}\nQ: {q}|Problem: {q}\n\n{w}")
PUZZLE_TEMPLATES = _s(
    "If all {a} are {b} and some {b} are {c}, must some {a} be {c}?|"
    "A bat and a ball cost {p} dollars in total. The bat costs {q} dollars more than the ball. "
    "How much does the ball cost?|"
    "{n} people shake hands with each other exactly once. How many handshakes are there?|"
    "A train leaves at {h}:00 travelling {v} km/h; another leaves an hour later at {w} km/h. "
    "When does the second catch up?|"
    "Is {n} a prime number?|"
    "What is the next number in the sequence {n}, {m}, {k}, ...?|"
    "If today is {day}, what day of the week will it be in {n} days?|"
    "How many times does the digit 7 appear when writing the numbers from 1 to {big}?|"
    "A clock shows {h}:{mm}. What is the angle between the hour and minute hands?"
)
NOUNS_PLURAL = _s(
    "cats|engineers|poets|blue cars|musicians|students|birds|doctors|painters|runners"
)
DAYS = _s("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
WHY_QUESTIONS = _s(
    "Why is the sky darker at the zenith than near the horizon?|"
    "Why do ice cubes crack when dropped into a drink?|"
    "Why does inflation hurt savers more than borrowers?|"
    "Why can't we see the far side of the Moon?|"
    "Why did the Roman Republic become an empire?|"
    "Why do some vaccines need boosters?|"
    "Why does a heavier object not fall faster in a vacuum?|"
    "Why do prices rise when a currency weakens?|"
    "Why is the sum of the angles of a triangle 180 degrees?|"
    "Why are hash tables O(1) on average but not in the worst case?|"
    "Why do we have leap years?|"
    "Why is Pluto no longer considered a planet?|"
    "Why does salt melt ice on roads?|"
    "Why do compilers warn about unused variables?|"
    "Why does the Monty Hall problem favour switching?"
)

# ---------------------------------------------------------------------------
# grading / rubric asks
# ---------------------------------------------------------------------------

RUBRIC_DIMS = _s(
    "clarity|argument|evidence|organisation|grammar|originality|tone|accuracy|completeness"
    "|concision|empathy|correctness|readability|efficiency|use of sources|structure"
)
RUBRIC_FRAMES = _s(
    "Score this {item} 1-10 on {dims} and explain each score.\n\n{body}|"
    "Act as a strict grader. Grade the following {item} on {dims} (0-5 each), justify every "
    "score, then give a total.\n\n{body}|"
    "You are an examiner. Using the rubric ({dims}), assign a mark for each criterion and "
    "explain the deductions.\n---\n{body}|"
    "Rate this {item} from 1 to 10 for {dims}. Return JSON with a score and a rationale per "
    "criterion.\n\n{body}|"
    "Evaluate the {item} below against these criteria: {dims}. Be harsh; most work should "
    "score below 6. Explain each score in two sentences.\n\n{body}|"
    "Here is a {item}. Give it a grade (A-F) on {dims}, with detailed feedback for each.\n\n{body}|"
    "Compare this {item} to an ideal answer and score it on {dims}, 1-10, with reasons.\n\n{body}|"
    "Grade this {item} like a teaching assistant would: scores for {dims} and a short "
    "justification for each.\n\n{body}"
)
RUBRIC_ITEMS = _s(
    "essay|short answer|code submission|customer support reply|summary|product review"
    "|cover letter|lab report conclusion|translation|story opening"
)
BENIGN_GRADING = _s(
    "can you grade my essay out of 10 and say what to fix?|"
    "what would you give this paragraph out of 10? be honest|"
    "my teacher gave me a 6, do you think that's fair?|"
    "rate my cover letter 1-10 and tell me what's weak"
)

# ---------------------------------------------------------------------------
# prose pieces: essays, reviews, emails, tickets, passages
# ---------------------------------------------------------------------------

ESSAY_SENTENCES = _s(
    "Many people believe that {t} does more good than harm.|"
    "Others argue that {t} benefits only a small group of people.|"
    "In recent years, {t} has become a common topic of debate.|"
    "One study I read suggested that {t} can improve {o}.|"
    "However, critics point out that the evidence is mixed.|"
    "For example, in my town {t} led to a noticeable change in {o}.|"
    "It is important to consider both the costs and the benefits.|"
    "Some experts warn that {t} could harm {o} in the long term.|"
    "In conclusion, {t} should be regulated rather than banned.|"
    "Overall, I think the advantages of {t} outweigh the disadvantages.|"
    "This shows that {t} is more complicated than it first appears.|"
    "Supporters often mention {o} as the main reason.|"
    "On the other hand, not everyone has equal access to {t}.|"
    "Governments have tried different approaches to {t}.|"
    "Personally, I was surprised by how much {t} affects {o}."
)
OUTCOMES = _s(
    "wellbeing|productivity|test scores|local businesses|air quality|family life"
    "|public health|household budgets|creativity|community ties|mental health"
)
PRODUCTS = _s(
    "wireless earbuds|standing desk|coffee grinder|yoga mat|phone case|air purifier"
    "|kids' scooter|electric toothbrush|hiking backpack|desk lamp|blender|office chair"
    "|smart watch|rice cooker|bluetooth speaker|winter jacket"
)
REVIEW_PARTS = (
    _s(
        "Bought this {p} last month.|Got the {p} as a gift.|Ordered the {p} after reading "
        "reviews.|Second {p} I've bought from this brand.|I use the {p} every day."
    ),
    _s(
        "Setup was easy and it feels solid.|It stopped working after two weeks.|Battery life "
        "is much shorter than advertised.|Honestly better than the expensive ones.|The colour "
        "was different from the photos.|Shipping took forever but the product is fine.|It's "
        "louder than I expected.|Customer service replaced it quickly.|Instructions were "
        "useless.|Does exactly what it says."
    ),
    _s(
        "Would recommend.|Not worth the money.|Three stars.|Returning it.|Five stars from me!"
        "|Meh.|Would buy again.|Disappointed overall.|Great value."
    ),
)
EMAIL_PARTS = (
    _s("Hi,|Hello team,|Good afternoon,|Dear support,|hey there"),
    _s(
        "my order {o} still hasn't arrived and tracking hasn't updated in a week.|I was "
        "charged twice for order {o}.|I'd like to return the items from order {o}.|the "
        "package for order {o} arrived damaged.|can you change the delivery address for "
        "order {o}?|I never received a confirmation for order {o}."
    ),
    _s(
        "Please let me know what to do.|Thanks.|Hoping to hear back soon.|This is really "
        "frustrating.|Regards, {n}|Best, {n}"
    ),
)
TICKET_PARTS = _s(
    "Can't log in after resetting my password|Invoice shows the wrong VAT number"
    "|App crashes when uploading a photo|Where is my refund?|Package marked delivered but not "
    "here|Need to add a second user to our plan|Export to CSV is missing columns"
    "|Two-factor code never arrives|Card declined but money was taken|Dark mode toggle "
    "does nothing|Subscription renewed after I cancelled|Can't change my email address"
)
TICKET_DETAILS = _s(
    "Started on {day}.|Happens on my {device}.|Order {o}.|Tried twice already.|My account email "
    "is {name}@example.com.|Error code {code}.|This is urgent, we have a launch on {day}.|"
    "Same thing on {device} and web.|Since the update yesterday.|Please call me back."
)
DEVICES = _s("iPhone 13|Pixel 7|Windows laptop|MacBook|iPad|Galaxy S22|Chromebook")
SPEC_ADJECTIVES = _s(
    "stainless steel|bamboo|organic cotton|recycled plastic|aluminium|ceramic|merino wool"
    "|silicone|oak wood|glass"
)
SPEC_FEATURES = _s(
    "dishwasher safe|keeps drinks cold 24h|non-slip base|USB-C charging|foldable|waterproof"
    "|2-year warranty|machine washable|BPA free|lightweight|adjustable|set of 4"
)
SPEC_VARIANTS = _s(
    "sage green|matte black|45x45cm|750ml|sizes S-XL|natural finish|navy blue|pack of 2"
    "|6 height levels|5m|sand beige|12 inch"
)
FIRST_NAMES = _s(
    "Maria|James|Aisha|Chen|Sofia|Liam|Priya|Mateo|Yuki|Olga|Kwame|Emma|Noah|Fatima|Lucas"
    "|Ana|Ravi|Hannah|Omar|Zoe|Diego|Mei|Tom|Leila|Ivan|Grace|Sam|Nina|Ben|Amara"
)
TOWNS = _s(
    "Millbrook|Eastport|Westfield|Oakridge|Lakeview|Ashford|Brightwater|Redhill|Stonebridge"
    "|Pinecrest|Harrowgate|Clearwater"
)
