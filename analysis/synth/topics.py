"""Word banks for English everyday questions: topic areas and the generic phrasing they share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One everyday topic area: slot values and the sentence parts that use them."""

    name: str
    items: tuple[str, ...]  # slot values for {x}
    asks: tuple[str, ...]  # full questions / requests using {x}
    contexts: tuple[str, ...]  # chatty context sentences
    frags: tuple[str, ...]  # search-box style fragments using {x}
    follow: tuple[str, ...]  # follow-up turns using {x}


def _t(name: str, items: str, asks: str, contexts: str, frags: str, follow: str) -> Topic:
    """Build a Topic from '|'-separated strings (keeps the tables compact)."""

    def split(s: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in s.split("|") if p.strip())

    return Topic(name, split(items), split(asks), split(contexts), split(frags), split(follow))


TOPICS: tuple[Topic, ...] = (
    _t(
        "cooking",
        "lasagna|sourdough bread|chicken thighs|risotto|banana bread|a pork shoulder|salmon fillets"
        "|chickpea curry|pancakes|a roast chicken|brownies|pad thai|homemade pizza dough"
        "|beef stew|tofu|mushroom soup|apple pie|fried rice|meatballs|a cheesecake",
        "how long should I bake {x}?|what can I use instead of eggs in {x}|"
        "give me a simple recipe for {x}|why does my {x} always come out dry|"
        "can I freeze {x} and how long does it keep|what wine goes with {x}|"
        "how do I make {x} without an oven|what's the right temperature for {x}|"
        "how can I make {x} healthier|is it safe to eat {x} left out overnight|"
        "suggest a side dish for {x}|how do I scale a recipe for {x} to serve 12",
        "I'm hosting a dinner for six on Saturday.|My partner is vegetarian.|"
        "I only have a small kitchen and one pan.|I'm trying to cook more at home to save money.|"
        "Last time I tried this it was a disaster lol.|We don't have a microwave.",
        "{x} recipe easy|{x} cooking time|{x} substitute|best way to cook {x}",
        "thanks! and what about {x}?|ok what if I don't have an oven|"
        "can I prep it the day before?|how many calories is that roughly",
    ),
    _t(
        "travel",
        "Lisbon|Kyoto|a weekend in Rome|Iceland in winter|backpacking Vietnam|Mexico City"
        "|the Amalfi coast|a road trip through Utah|Marrakech|Prague|Bali|Scotland|Patagonia"
        "|Seoul|New Zealand|the Greek islands",
        "plan a 5 day itinerary for {x}|what's the best time of year to visit {x}|"
        "is {x} safe for solo female travellers|how much money do I need for a week in {x}|"
        "what should I pack for {x}|what are some underrated things to do in {x}|"
        "do I need a visa for {x} with a US passport|how do I get around {x} without a car|"
        "what food should I try in {x}|is {x} good with kids",
        "We're going for our anniversary.|I have about two weeks off in spring.|"
        "Budget is tight, around 1500 total.|I'll be travelling with my elderly mom.|"
        "It's my first time abroad.|We don't really like crowded places.",
        "{x} itinerary|{x} things to do|{x} budget trip|{x} best time to go",
        "thanks, and what about {x}?|can you make it cheaper?|"
        "what if it rains the whole time|which neighbourhood should we stay in",
    ),
    _t(
        "health",
        "a sore throat|lower back pain|trouble sleeping|migraines|high blood pressure"
        "|a sprained ankle|acid reflux|seasonal allergies|low iron|a persistent cough"
        "|dry eyes|tension headaches|heartburn|knee pain when running",
        "what are common causes of {x}?|when should I see a doctor about {x}|"
        "are there home remedies for {x}|can stress cause {x}|"
        "what questions should I ask my GP about {x}|is {x} something to worry about|"
        "what's the difference between {x} and a more serious condition|"
        "how long does {x} usually last",
        "I'm 34 and generally healthy.|This has been going on for about a week.|"
        "I already tried ibuprofen.|My doctor can't see me until next month.|"
        "I know you're not a doctor, just want some general info.",
        "{x} remedies|{x} causes|{x} how long|{x} when to worry",
        "ok thanks. and what about {x}?|should I be worried if it gets worse at night?|"
        "is it ok to exercise with it",
    ),
    _t(
        "personal_finance",
        "a Roth IRA|an emergency fund|credit card debt|index funds|a mortgage refinance"
        "|a monthly budget|student loans|a high-yield savings account|a 401k match"
        "|buying vs renting|my credit score|a car loan|paying off debt faster",
        "explain {x} like I'm a beginner|is it worth getting {x}|"
        "how do I start with {x}|what are the pros and cons of {x}|"
        "how much should I put into {x} each month|what mistakes do people make with {x}|"
        "help me think through {x}|what is the snowball method for {x}",
        "I make about 55k a year.|I just got my first real job.|"
        "My wife and I are trying to save for a house.|I have around 8k in savings.|"
        "Money stuff really stresses me out.",
        "{x} explained|{x} pros cons|how does {x} work|{x} for beginners",
        "thanks. what about {x}?|ok and if interest rates go up?|"
        "can you put that in a simple table",
    ),
    _t(
        "history",
        "the fall of the Roman Empire|the French Revolution|the Cold War|the Silk Road"
        "|the printing press|World War I|the Ottoman Empire|the Meiji Restoration"
        "|the Black Death|the Industrial Revolution|ancient Egypt|the Byzantine Empire"
        "|the American Civil War|the partition of India",
        "what caused {x}?|give me a short summary of {x}|why was {x} so important|"
        "what are the main myths about {x}|who were the key people in {x}|"
        "how did {x} change everyday life|what books would you recommend on {x}|"
        "how do historians disagree about {x}",
        "I'm watching a documentary right now.|My kid asked me and I didn't know.|"
        "I've always been curious about this.|We had an argument about this at dinner.",
        "{x} summary|{x} causes|{x} timeline|{x} key facts",
        "interesting! and what about {x}?|who won in the end?|how long did it last",
    ),
    _t(
        "programming_basics",
        "a for loop|recursion|variables|git|a Python list|HTML and CSS|an API|a database"
        "|object oriented programming|JavaScript promises|SQL joins|the terminal|JSON",
        "what is {x} in simple words?|how do I learn {x} as a total beginner|"
        "can you explain {x} with an example|what's the difference between {x} and a function|"
        "why is {x} useful|what should I build to practice {x}",
        "I'm 40 and thinking about switching careers.|I'm doing a free online course.|"
        "I tried reading the docs but got lost.|My nephew is learning to code and I want to help.",
        "{x} explained|learn {x}|{x} example|{x} beginner",
        "thanks! and {x}?|can you give a simpler example|what should I learn next",
    ),
    _t(
        "writing_help",
        "a cover letter|my personal statement|a wedding toast|a eulogy for my grandfather"
        "|a short story opening|a LinkedIn summary|a product description|a birthday poem"
        "|my blog post intro|a speech for my team",
        "can you help me write {x}|make {x} sound more professional|"
        "proofread {x} for me|give me three different openings for {x}|"
        "how long should {x} be|rewrite {x} so it's more concise|"
        "what's a good structure for {x}|can you give feedback on {x} and rate it out of 10",
        "English isn't my first language.|I tend to ramble.|It needs to be under 300 words.|"
        "The tone should be warm but not cheesy.|I've been staring at a blank page for an hour.",
        "{x} example|{x} tips|how to write {x}|{x} template",
        "thanks, can you make it shorter?|now a funnier version|"
        "ok and what about {x}?|less formal please",
    ),
    _t(
        "email_drafting",
        "my landlord about a broken heater|my boss asking for a raise|a client who hasn't paid"
        "|my kid's teacher|a recruiter I want to decline|a coworker who keeps interrupting"
        "|customer support about a refund|my neighbour about noise|a professor about an extension"
        "|a supplier about a late delivery",
        "write an email to {x}|help me draft a polite email to {x}|"
        "how do I word an email to {x} without sounding rude|"
        "I need a short firm email to {x}|can you write a follow up email to {x}",
        "It's the third time this happened.|I don't want to burn bridges.|"
        "Keep it short please.|I'm pretty annoyed but want to stay professional.",
        "email to {x}|email template {x}|follow up email {x}",
        "thanks, a bit more firm please|can you make it friendlier|now the same for {x}",
    ),
    _t(
        "science",
        "black holes|photosynthesis|vaccines|quantum entanglement|plate tectonics|DNA"
        "|climate change|the speed of light|evolution|antibiotics|the northern lights"
        "|nuclear fusion|the placebo effect|why the sky is blue|tides",
        "how does {x} work?|explain {x} to a 10 year old|what's a common misconception about {x}|"
        "what would happen without {x}|why do scientists care about {x}|"
        "what's the latest we know about {x}",
        "My daughter asked me this at bedtime.|I never really understood this in school.|"
        "Saw a video about it and now I'm curious.",
        "{x} explained|how {x} works|{x} simple explanation",
        "cool, and what about {x}?|wait so how do we know that?|can you go a bit deeper",
    ),
    _t(
        "law_basics",
        "a security deposit|small claims court|a non-compete clause|tenant rights"
        "|a will|copyright for my photos|a parking ticket|jury duty|a prenup"
        "|wrongful termination|an NDA|a power of attorney",
        "how does {x} usually work?|what are my rights regarding {x}|"
        "do I need a lawyer for {x}|what should I know before signing {x}|"
        "can you explain {x} in plain English|what happens if I ignore {x}",
        "I'm in California.|I'm not looking for legal advice, just an overview.|"
        "My landlord is being difficult.|This is in the UK if it matters.",
        "{x} rights|{x} explained|{x} rules",
        "ok and what about {x}?|how long does that process take|roughly what would it cost",
    ),
    _t(
        "parenting",
        "a toddler who won't sleep|screen time|picky eating|potty training|teenage moodiness"
        "|sibling fights|homework battles|separation anxiety|tantrums in public|allowance",
        "any tips for {x}?|how do other parents handle {x}|is {x} normal at this age|"
        "what's a healthy approach to {x}|how do I talk to my kid about {x}",
        "My son is 3.|We have twins and it's chaos.|My daughter just turned 14.|"
        "I'm a single dad.|We tried everything the books say.",
        "{x} tips|{x} age|{x} advice",
        "thanks. what about {x}?|what if that doesn't work?|how long until it gets better",
    ),
    _t(
        "fitness",
        "a beginner 5k plan|building muscle at home|stretching|a push pull legs split"
        "|losing belly fat|swimming for cardio|kettlebell workouts|improving my squat"
        "|running in the heat|recovery days|protein intake",
        "make me {x}|what's the best approach to {x}|how often should I do {x}|"
        "is {x} enough to get fit|what mistakes do beginners make with {x}|"
        "create a 4 week plan for {x}",
        "I'm 52 and out of shape.|I only have 30 minutes a day.|I have a bad knee.|"
        "I used to play football in college.|No gym, just dumbbells.",
        "{x} plan|{x} beginner|{x} routine",
        "and what about {x}?|can I do it every day?|what should I eat after",
    ),
    _t(
        "gardening",
        "tomatoes|basil|a lemon tree in a pot|succulents|roses|a vegetable bed|lavender"
        "|hydrangeas|strawberries|a lawn with bare patches|houseplants|compost",
        "how often should I water {x}?|why are the leaves on my {x} turning yellow|"
        "when is the best time to plant {x}|how do I keep pests off {x}|"
        "can I grow {x} on a balcony|what soil is best for {x}",
        "I live in zone 7.|My balcony gets afternoon sun only.|I'm a total beginner.|"
        "We just moved into a house with a garden.",
        "{x} care|{x} yellow leaves|{x} watering",
        "thanks! and {x}?|what about in winter?|should I use fertiliser",
    ),
    _t(
        "music",
        "the guitar|piano chords|music theory|jazz|a home recording setup|singing"
        "|the blues scale|writing lyrics|80s synth pop|classical music for beginners",
        "how do I get started with {x}?|recommend some albums for getting into {x}|"
        "what's the easiest way to learn {x}|explain {x} without jargon|"
        "how long does it take to get decent at {x}",
        "I'm 30 and never played an instrument.|My band needs a new song.|"
        "I practice about 20 minutes a day.",
        "learn {x}|{x} beginner|{x} tips",
        "and what about {x}?|any good youtube channels for that?|what gear do I need",
    ),
    _t(
        "movies",
        "a good horror movie|Christopher Nolan films|anime series|a feel-good comedy"
        "|documentaries about space|90s thrillers|movies like Inception|a family movie night"
        "|Korean dramas|classic westerns",
        "recommend {x}|what should I watch if I liked {x}|what are the best picks for {x}|"
        "explain the ending of one of the {x}|rank {x}",
        "It's date night.|My kids are 8 and 11.|I've seen all the obvious ones.|"
        "Nothing too gory please.",
        "{x} recommendations|best {x}|{x} list",
        "seen those. what about {x}?|anything newer?|something shorter?",
    ),
    _t(
        "relationships",
        "a friend who always cancels|meeting my partner's parents|a long distance relationship"
        "|an argument with my sister|dating after divorce|setting boundaries with my mom"
        "|a roommate who doesn't clean|making friends as an adult|a breakup",
        "how should I handle {x}?|any advice on {x}|what do I say about {x}|"
        "am I overreacting about {x}|how do I bring up {x} without a fight",
        "It's been bothering me for weeks.|I don't want to lose this friendship.|"
        "I'm kind of shy.|We've been together 3 years.",
        "{x} advice|how to deal with {x}",
        "thanks, that helps. what about {x}?|what if they get defensive?|how do I start",
    ),
    _t(
        "careers",
        "a job interview|asking for a promotion|switching to UX design|my resume"
        "|a salary negotiation|burnout|working remotely|becoming a nurse|a gap in my CV"
        "|quitting my job|a performance review",
        "how do I prepare for {x}?|tips for {x}|what should I say in {x}|"
        "is it a good idea to go for {x} at 35|review my approach to {x}|"
        "rate my plan for {x} from 1 to 10 and tell me what's weak",
        "I've been at the same company 6 years.|I have an interview on Thursday.|"
        "I work in retail right now.|My manager is pretty hard to read.",
        "{x} tips|{x} questions|{x} advice",
        "thanks! and what about {x}?|what if they say no?|how do I follow up",
    ),
    _t(
        "home_repair",
        "a leaky faucet|a squeaky door|a running toilet|drywall holes|a clogged drain"
        "|peeling paint|a tripped breaker|mould in the bathroom|a drafty window"
        "|a loose floorboard|grout cleaning",
        "how do I fix {x}?|can I fix {x} myself or call someone|"
        "what tools do I need for {x}|what causes {x}|step by step how to deal with {x}|"
        "how much does it cost to fix {x}",
        "I rent so I don't want to do anything permanent.|I'm not very handy.|"
        "The hardware store is closed today.|It's an old house from the 60s.",
        "fix {x}|{x} repair|{x} diy",
        "done, thanks! and {x}?|what if that doesn't work|do I need to turn off the water",
    ),
    _t(
        "pets",
        "a new puppy|an older cat|a rescue dog|a hamster|a parrot|fish tank setup"
        "|a dog that pulls on the leash|a cat scratching furniture|a rabbit"
        "|a dog with separation anxiety",
        "tips for {x}?|how do I train {x}|what should I feed {x}|"
        "is it normal for {x} to sleep all day|how much exercise does {x} need",
        "We just adopted him last week.|She's 12 years old.|I work long hours.|"
        "We live in a small apartment.",
        "{x} tips|{x} food|{x} training",
        "thanks. and what about {x}?|how long will it take?|should I see a vet",
    ),
    _t(
        "language_learning",
        "Spanish|Japanese|French verbs|German articles|Italian|Korean hangul|Portuguese"
        "|Mandarin tones|English idioms|Arabic script",
        "what's the fastest way to learn {x}?|give me a 30 day plan for {x}|"
        "how do I remember {x}|what apps are good for {x}|"
        "is {x} hard for English speakers|make me a short quiz on {x}",
        "I'm moving abroad next year.|I have 15 minutes a day.|I took it in high school "
        "but forgot everything.|My in-laws only speak it.",
        "learn {x}|{x} tips|{x} fast",
        "gracias! and {x}?|can you quiz me again|what about pronunciation",
    ),
    _t(
        "math_homework",
        "fractions|long division|percentages|the Pythagorean theorem|negative numbers"
        "|simultaneous equations|area of a circle|probability|ratios|exponents",
        "how do I explain {x} to my kid?|what's an easy way to understand {x}|"
        "can you give me practice problems on {x}|why does {x} work|"
        "walk me through an example of {x} step by step",
        "My son is in 6th grade.|I'm helping my daughter and I forgot all this.|"
        "Her teacher uses a different method than I learned.",
        "{x} explained|{x} practice|{x} examples",
        "thanks. and {x}?|can you give another example|what's a trick to remember it",
    ),
    _t(
        "philosophy",
        "free will|stoicism|the trolley problem|existentialism|utilitarianism"
        "|the ship of Theseus|Plato's cave|nihilism|the meaning of life|moral relativism",
        "what is {x} in a nutshell?|what would a Stoic say about {x}|"
        "what are the strongest arguments about {x}|who wrote the most about {x}|"
        "how does {x} apply to everyday life",
        "I'm reading Marcus Aurelius right now.|Just a shower thought.|"
        "My friend and I were debating this.",
        "{x} summary|{x} explained|{x} arguments",
        "interesting. and what about {x}?|which view do you find most convincing",
    ),
    _t(
        "sports",
        "the offside rule|a fantasy football lineup|tennis scoring|the Tour de France"
        "|cricket|how to throw a curveball|marathon training|basketball drills"
        "|the NBA playoffs format|golf handicaps",
        "explain {x}|can you help me understand {x}|what's the history of {x}|"
        "tips for getting better at {x}|who are the greats in {x}",
        "My husband is obsessed and I want to keep up.|I coach my kid's team.|"
        "Watching the game right now.",
        "{x} rules|{x} explained|{x} tips",
        "and {x}?|who's the favourite this year?|how long is a match",
    ),
    _t(
        "cars",
        "a check engine light|winter tyres|an oil change|a used Honda Civic|electric cars"
        "|a dead battery|brake noise|leasing vs buying|a hybrid|tyre pressure",
        "what does {x} mean?|is {x} worth it|how often do I need {x}|"
        "what should I check before buying {x}|how much does {x} usually cost|"
        "can I deal with {x} myself",
        "It's a 2014 Toyota.|I drive about 40 miles a day.|The mechanic quoted me 900.|"
        "I know nothing about cars.",
        "{x} cost|{x} meaning|{x} worth it",
        "thanks! what about {x}?|is it safe to drive for now?|should I get a second quote",
    ),
    _t(
        "tech_support",
        "my laptop running slow|wifi dropping out|a full iPhone storage|a printer offline"
        "|a forgotten password|Excel formulas|a phishing email|backing up photos"
        "|a new router|two factor authentication",
        "how do I fix {x}?|what should I do about {x}|is there an easy way to handle {x}|"
        "why does {x} keep happening|explain {x} to someone who isn't techy",
        "I'm on Windows 11.|My dad keeps calling me about this.|It's an old Mac.|"
        "I already restarted it twice.",
        "{x} fix|{x} help|{x} windows",
        "that worked, thanks! and {x}?|didn't work, what next?|is it a virus",
    ),
    _t(
        "shopping",
        "a good budget laptop|noise cancelling headphones|a mattress|running shoes"
        "|a stroller|a coffee machine|a gift for my dad|a winter coat|a robot vacuum"
        "|an air fryer",
        "what should I look for in {x}?|recommend {x} under 200 dollars|"
        "is it worth paying more for {x}|compare options for {x}|"
        "what are the red flags when buying {x}",
        "He likes fishing and old movies.|I'm on a student budget.|"
        "I've read so many reviews my head hurts.",
        "best {x}|{x} under 200|{x} review",
        "thanks. and what about {x}?|which one would you pick?|any cheaper options",
    ),
    _t(
        "mental_wellbeing",
        "feeling overwhelmed at work|stress before exams|loneliness|a bad week"
        "|procrastination|motivation|anxiety before flying|sleep and stress|journaling",
        "any tips for {x}?|how do people cope with {x}|is {x} normal|"
        "give me a simple routine to help with {x}|what are small steps for {x}",
        "It's been a rough few months.|I don't really want to talk to anyone about it.|"
        "I know I should see someone eventually.",
        "{x} tips|coping with {x}|{x} help",
        "thank you, that's kind. and {x}?|what if it doesn't get better",
    ),
)


# Generic phrasing shared by all English everyday prompts.
OPENERS: tuple[str, ...] = (
    "hi",
    "hey",
    "Hello!",
    "Hi there,",
    "quick question:",
    "ok so",
    "Question:",
    "hey, quick one.",
    "Good morning.",
    "Can I ask you something?",
    "hiya",
    "So,",
    "random question but",
    "Hey there.",
    "um",
    "I need some help.",
    "Sorry if this is a dumb question.",
)
CLOSERS: tuple[str, ...] = (
    "thanks!",
    "thank you",
    "thanks in advance",
    "ty",
    "cheers",
    "Thanks so much.",
    "appreciate it",
    "thx",
    "Thank you!!",
    "any help is appreciated",
)
CONSTRAINTS: tuple[str, ...] = (
    "keep it short",
    "in simple terms please",
    "give me 3 options",
    "bullet points please",
    "under 100 words",
    "explain like I'm 12",
    "be honest",
    "no jargon",
    "just the key points",
    "a short list is fine",
    "with an example",
    "in a table if possible",
    "be specific",
    "don't make it too long",
)
# Reasoning-style asks that ordinary people also type now and then.
CASUAL_STEPS: tuple[str, ...] = (
    "can you explain it step by step?",
    "walk me through it step by step",
    "explain your reasoning",
    "show me how you got there",
    "go through it one step at a time",
    "break it down for me",
    "think it through step by step before answering",
    "show your reasoning",
)
GENERIC_FOLLOW: tuple[str, ...] = (
    "thanks!",
    "can you explain that more simply?",
    "ok thanks, and why is that?",
    "what do you mean by that last part?",
    "perfect, thank you",
    "hmm I'm not sure that's right",
    "can you give me an example?",
    "and is there anything else I should know?",
    "ok, shorter please",
    "great. one more thing though",
)
