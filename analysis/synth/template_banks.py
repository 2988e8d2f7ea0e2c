"""Word banks for templated traffic: product-backend templates, system prompts, benchmark items."""

from __future__ import annotations

from analysis.synth.text_banks import _s

# ---------------------------------------------------------------------------
# templated product backends
# ---------------------------------------------------------------------------

BACKEND_TEMPLATES = (
    (
        "You summarize customer reviews for an e-commerce analytics dashboard. Reply with one "
        "sentence.",
        "Summarize this customer review: {review}",
    ),
    (
        "You are a sentiment classifier. Answer with exactly one word: positive, negative, "
        "neutral or mixed.",
        "Classify the sentiment of: {review}",
    ),
    (
        "Extract structured fields from customer emails. Respond with JSON only.",
        "Extract the order number from: {email}",
    ),
    (
        "You are a translation engine. Output only the translation, nothing else.",
        "Translate to French: {review}",
    ),
    (
        "You route support tickets. Reply with one category from: billing, shipping, account, "
        "technical, other.",
        "Ticket: {ticket}\nCategory:",
    ),
    (
        "You write concise, friendly product descriptions for an online store.",
        "Write a 40-word product description for: {product}",
    ),
    (
        "You are a translation engine. Output only the translation, nothing else.",
        "Translate to German: {review}",
    ),
    (
        "Generate short, descriptive titles for customer support conversations.",
        "Generate a title (max 8 words) for this message: {email}",
    ),
)

# ---------------------------------------------------------------------------
# system prompts seen across traffic (index 0..len-1; the backend ones come first)
# ---------------------------------------------------------------------------

OTHER_SYSTEM_PROMPTS = (
    "You are a helpful assistant.",
    "You are a helpful coding assistant. Be concise.",
    "You are an expert software engineer.",
    "You are a meticulous tutor who explains every step of a solution.",
    "Answer with the letter of the correct option only.",
    "You are a friendly assistant inside a note-taking app. Keep answers short.",
    "You are a patient maths tutor. Explain clearly and check understanding.",
    # adversary mode only (hard_negatives.py): the two product backends' fixed prompts
    "You are the translation engine of a localisation service. Translate the user's text "
    "faithfully into the requested language. Keep formatting, names, numbers and order "
    "numbers unchanged. Output only the translation.",
    "You are a patient maths tutor for secondary-school students on a homework-help app. "
    "Explain each step of the solution in simple words, say why the step works, check the "
    "student's understanding with a short question at the end, and never give only the final "
    "answer.",
)
SYSTEM_PROMPTS: tuple[str, ...] = tuple(t[0] for t in BACKEND_TEMPLATES) + OTHER_SYSTEM_PROMPTS
SYS_HELPFUL = len(BACKEND_TEMPLATES) + 0
SYS_CODING = len(BACKEND_TEMPLATES) + 1
SYS_ENGINEER = len(BACKEND_TEMPLATES) + 2
SYS_TUTOR = len(BACKEND_TEMPLATES) + 3
SYS_LETTER = len(BACKEND_TEMPLATES) + 4
SYS_NOTES = len(BACKEND_TEMPLATES) + 5
SYS_MATHS = len(BACKEND_TEMPLATES) + 6
SYS_TRANSLATION_PRODUCT = len(BACKEND_TEMPLATES) + 7
SYS_TUTORING_PRODUCT = len(BACKEND_TEMPLATES) + 8

# ---------------------------------------------------------------------------
# benchmark-style evaluation items
# ---------------------------------------------------------------------------

MCQ_TERMS = (
    ("biology", "osmosis", "movement of water across a semi-permeable membrane"),
    ("biology", "a ribosome", "the site of protein synthesis in a cell"),
    ("biology", "an allele", "one of several variant forms of a gene"),
    ("biology", "homeostasis", "maintenance of a stable internal environment"),
    ("biology", "a phenotype", "the observable characteristics of an organism"),
    ("chemistry", "an isotope", "an atom with the same protons but different neutrons"),
    ("chemistry", "a catalyst", "a substance that speeds up a reaction without being consumed"),
    ("chemistry", "oxidation", "the loss of electrons by a species"),
    ("chemistry", "a buffer", "a solution that resists changes in pH"),
    ("economics", "opportunity cost", "the value of the next best alternative forgone"),
    ("economics", "price elasticity", "the responsiveness of quantity demanded to price"),
    ("economics", "a tariff", "a tax imposed on imported goods"),
    ("economics", "deflation", "a sustained fall in the general price level"),
    ("economics", "a monopoly", "a market with a single seller"),
    ("computer science", "a hash function", "a map from data of any size to fixed-size values"),
    ("computer science", "a deadlock", "processes each waiting for resources held by another"),
    ("computer science", "recursion", "a function defined in terms of itself"),
    ("computer science", "a compiler", "a program that translates source code to machine code"),
    ("computer science", "a race condition", "behaviour that depends on the timing of events"),
    ("psychology", "confirmation bias", "favouring information that supports prior beliefs"),
    ("psychology", "classical conditioning", "learning by associating two stimuli"),
    ("psychology", "the placebo effect", "improvement caused by expectation of treatment"),
    ("physics", "inertia", "the tendency of an object to resist changes in motion"),
    ("physics", "refraction", "the bending of a wave as it changes medium"),
    ("physics", "entropy", "a measure of disorder in a system"),
    ("physics", "a semiconductor", "a material with conductivity between conductor and insulator"),
    ("statistics", "the median", "the middle value of an ordered data set"),
    ("statistics", "a type I error", "rejecting a true null hypothesis"),
    ("statistics", "a confounder", "a variable that influences both cause and effect"),
    ("law", "habeas corpus", "the right to challenge unlawful detention"),
    ("law", "tort", "a civil wrong causing harm for which courts impose liability"),
    ("law", "precedent", "a prior decision used to decide later similar cases"),
    ("philosophy", "empiricism", "the view that knowledge comes from sensory experience"),
    ("philosophy", "utilitarianism", "judging actions by the total happiness they produce"),
    ("philosophy", "a syllogism", "a deductive argument with two premises and a conclusion"),
    ("astronomy", "a light-year", "the distance light travels in one year"),
    ("astronomy", "a supernova", "the explosive death of a massive star"),
    ("astronomy", "an exoplanet", "a planet orbiting a star other than the Sun"),
    ("geography", "an estuary", "where a river meets the sea"),
    ("geography", "a watershed", "an area draining into a common outlet"),
)
MCQ_HEADERS = (
    "The following is a multiple choice question about {subject}.\n\n{q}\n{opts}\nAnswer:",
    "Question: {q}\nChoices:\n{opts}\nAnswer with the letter only.",
    "{q}\n\n{opts}\n\nThe correct answer is",
    "Subject: {subject}\n{q}\n{opts}\nRespond with A, B, C or D.",
)
GSM_TEMPLATES = _s(
    "{n1} buys {a} packs of {item} with {b} in each pack. She gives {c} to {n2}. How many "
    "{item} does she have left?|"
    "A shop sells {item} for ${a} each. {n1} buys {b} and pays with a ${c}0 note. How much "
    "change does {n1} get?|"
    "{n1} reads {a} pages a day. The book has {big} pages. How many days will it take to "
    "finish it?|"
    "A farmer has {a} rows of {item} with {b} in each row. {c} are eaten by birds. How many "
    "are left?|"
    "{n1} earns ${a} an hour and works {b} hours a week. How much does {n1} earn in {c} "
    "weeks?|"
    "A tank holds {big} litres. It leaks {a} litres per hour. How many litres remain after "
    "{b} hours?|"
    "{n1} is {a} years older than {n2}. In {b} years their ages will add up to {big}. How old "
    "is {n2} now?|"
    "A recipe needs {a} cups of flour for {b} {item}. How many cups are needed for {c} "
    "{item}?|"
    "{n1} runs {a} km on weekdays and {b} km on each weekend day. How far does {n1} run in "
    "{c} weeks?|"
    "There are {big} students. {a}% of them walk to school and {b} take the bus. The rest "
    "cycle. How many cycle?"
)
GSM_ITEMS = _s("apples|pencils|cookies|stickers|marbles|muffins|cards|eggs|carrots|lemons")
CODE_COMPLETION_SPECS = (
    ("sum_of_evens", "nums: list[int]", "int", "Return the sum of the even numbers in nums."),
    (
        "is_palindrome",
        "s: str",
        "bool",
        "Return True if s reads the same backwards, ignoring case.",
    ),
    ("count_vowels", "text: str", "int", "Count the vowels in text."),
    ("chunk", "xs: list, size: int", "list[list]", "Split xs into consecutive chunks of size."),
    (
        "second_largest",
        "nums: list[int]",
        "int | None",
        "Return the second largest distinct value.",
    ),
    ("rle_encode", "s: str", "str", "Run-length encode s, e.g. 'aaab' -> 'a3b1'."),
    ("merge_sorted", "a: list[int], b: list[int]", "list[int]", "Merge two sorted lists."),
    ("word_freq", "text: str", "dict[str, int]", "Return a word -> count mapping, lowercased."),
    ("rotate", "xs: list, k: int", "list", "Rotate xs to the right by k places."),
    ("fizzbuzz", "n: int", "list[str]", "Return the FizzBuzz sequence from 1 to n."),
    ("gcd", "a: int, b: int", "int", "Return the greatest common divisor of a and b."),
    ("flatten", "xs: list", "list", "Flatten a nested list of arbitrary depth."),
    ("to_snake", "name: str", "str", "Convert CamelCase to snake_case."),
    ("max_subarray", "nums: list[int]", "int", "Return the largest sum of a contiguous subarray."),
    ("valid_parens", "s: str", "bool", "Return True if brackets in s are balanced."),
    ("dedupe", "xs: list", "list", "Remove duplicates keeping first occurrences in order."),
    ("nth_prime", "n: int", "int", "Return the n-th prime number (1-indexed)."),
    ("transpose", "m: list[list[int]]", "list[list[int]]", "Transpose a matrix."),
    ("digits_sum", "n: int", "int", "Return the sum of the decimal digits of n."),
    ("common_prefix", "words: list[str]", "str", "Return the longest common prefix."),
)
