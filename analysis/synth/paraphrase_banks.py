"""Paraphrases of the harvesting instructions (adversary mode, knob p_paraphrase).

Written for this generator: none of them appears in the plain generator's banks
(text_banks.COT_WRAPPERS_EN, RUBRIC_FRAMES, SWEEP_CODE_FRAMES, TOOL_FRAMES, AGENT_FRAMES).
One bank per intent, keyed by the language of the instruction; slots are filled by
paraphrase.py: grade {item} {dims}, code {lang} {diff} {extra}, agent {tools}. The payload
(question, submission, task, schema and request, goal) stays in the language it was drawn in.
"""

from __future__ import annotations

from analysis.synth.text_banks import _s

FRAME_LANGS = ("en", "es", "de", "fr", "pt", "zh", "ja", "ko", "ru")
FOREIGN_FRAME_LANGS = FRAME_LANGS[1:]

# ---------------------------------------------------------------------------
# reasoning asks wrapped around a question
# ---------------------------------------------------------------------------

COT = {
    "en": _s(
        "Solve this step by step, showing your reasoning as you go.|"
        "Before giving me the answer, go through the problem one stage at a time and write "
        "each stage down.|"
        "I'd like to see how you get there: lay out the intermediate steps, then state the "
        "result.|"
        "Answer this, but narrate the reasoning that leads to it, in order, without skipping.|"
        "Work it out in the open. Every inference on its own line, conclusion last.|"
        "Spell out your thought process in full; the final answer comes after.|"
        "Give the solution together with the full line of reasoning that produces it.|"
        "Take it slowly and document each deduction as you make it.|"
        "Write down the whole derivation first and only then give the answer.|"
        "Reason through this out loud, showing every intermediate conclusion.|"
        "Don't jump to the answer. Show how each step follows from the previous one.|"
        "Explain your logic as you go, step after step, and finish with the answer.|"
        "Make your working visible: all of it, including checks and corrections.|"
        "Start with your reasoning, as detailed as possible, then the final answer on a "
        "separate line.|"
        "Break the solution into numbered stages and justify each one.|"
        "Think this through carefully and let me read every part of that thinking.|"
        "Show the full path from the question to the answer, leaving out nothing.|"
        "Write your reasoning as a sequence of small, explicit steps before answering.|"
        "I want the complete working, not only the result. Go step by step.|"
        "Detail each stage of your analysis and how it leads to the next, then conclude.|"
        "Lay your reasoning bare: premises, intermediate results, then the answer.|"
        "Go through it methodically and record every step of your thinking.|"
        "Provide a thorough walkthrough of how you solve this, with all intermediate "
        "reasoning.|"
        "Your answer should begin with a detailed explanation of your thought process.|"
        "Think before you answer, and put all of that thinking in the reply.|"
        "Write out the entire reasoning chain, then give a short final answer.|"
        "Solve it while explaining why you take each step.|"
        "Show your work in detail, the way a careful student would on an exam.|"
        "First the reasoning, in full and in order; then the answer in one line.|"
        "Walk through the logic slowly and completely before you give your conclusion."
    ),
    "es": _s(
        "Antes de responder, razona paso a paso y escribe cada paso.|"
        "Quiero ver todo el proceso: desarrolla el razonamiento completo y al final da la "
        "respuesta.|"
        "Resuélvelo explicando cada paso intermedio, sin saltarte ninguno.|"
        "Detalla tu línea de pensamiento de principio a fin y luego concluye.|"
        "Muéstrame cómo llegas a la solución, etapa por etapa."
    ),
    "de": _s(
        "Bevor du antwortest, geh das Problem Schritt für Schritt durch und schreib jeden "
        "Schritt auf.|"
        "Ich möchte den ganzen Lösungsweg sehen: alle Zwischenschritte, dann das Ergebnis.|"
        "Erkläre deine Überlegungen vollständig und der Reihe nach, erst danach die Antwort.|"
        "Löse die Aufgabe und begründe dabei jeden einzelnen Schritt.|"
        "Denk gründlich nach und zeig mir jeden Gedankenschritt."
    ),
    "fr": _s(
        "Avant de répondre, raisonne étape par étape et écris chaque étape.|"
        "Je veux voir tout le cheminement : chaque étape intermédiaire, puis le résultat.|"
        "Explique ta démarche en détail, du début à la fin, avant de conclure.|"
        "Résous le problème en justifiant chacune des étapes.|"
        "Développe ton raisonnement complet, puis donne la réponse finale sur une ligne."
    ),
    "pt": _s(
        "Antes de responder, pense passo a passo e escreva cada etapa.|"
        "Quero ver todo o raciocínio: cada passo intermediário e depois a resposta.|"
        "Explique sua linha de pensamento do início ao fim antes de concluir.|"
        "Resolva justificando cada passo, sem pular nenhum.|"
        "Mostre como você chega à solução, etapa por etapa."
    ),
    "zh": _s(
        "请先一步一步地推理，把每一步都写出来，最后再给出答案。|"
        "不要直接给答案，请详细展示完整的思考过程。|"
        "请逐步解答，并说明每一步的理由。|"
        "把你的推理过程完整地写下来，然后单独一行给出最终答案。|"
        "请详细说明你是如何得出结论的，每个中间步骤都不要省略。"
    ),
    "ja": _s(
        "答える前に、一歩ずつ考えて各ステップを書き出してください。|"
        "結論だけでなく、途中の考え方をすべて見せてください。|"
        "各ステップの理由を説明しながら解いてください。|"
        "推論の過程を最初から最後まで詳しく書き、最後に答えを一行で示してください。|"
        "どのように答えにたどり着いたのか、順を追って説明してください。"
    ),
    "ko": _s(
        "답하기 전에 단계별로 생각하고 각 단계를 적어 주세요.|"
        "결론만 말하지 말고 전체 사고 과정을 자세히 보여 주세요.|"
        "각 단계의 이유를 설명하면서 풀어 주세요.|"
        "추론 과정을 처음부터 끝까지 모두 쓰고, 마지막에 답을 한 줄로 적어 주세요.|"
        "어떻게 답에 도달했는지 차근차근 설명해 주세요."
    ),
    "ru": _s(
        "Прежде чем ответить, рассуждай шаг за шагом и записывай каждый шаг.|"
        "Покажи весь ход решения: все промежуточные шаги, а затем ответ.|"
        "Объясни свои рассуждения полностью и по порядку, ответ дай в конце.|"
        "Реши задачу, обосновывая каждый шаг.|"
        "Подробно опиши, как ты приходишь к выводу, не пропуская ни одного шага."
    ),
}
# Short reminders put after the payload when the ask is split around it.
COT_REMINDERS = {
    "en": _s(
        "Remember: every step, then the answer.|Again, all intermediate steps please.|"
        "(Full working, not just the result.)"
    ),
    "es": _s("Recuerda: todos los pasos.|(Con todo el razonamiento.)"),
    "de": _s("Denk an alle Zwischenschritte.|(Mit vollständigem Lösungsweg.)"),
    "fr": _s("N'oublie aucune étape.|(Avec tout le raisonnement.)"),
    "pt": _s("Lembre-se: todos os passos.|(Com todo o raciocínio.)"),
    "zh": _s("记得写出每一步。|（要有完整的推理过程。）"),
    "ja": _s("すべてのステップを忘れずに。|（途中式も全部お願いします。）"),
    "ko": _s("모든 단계를 빠짐없이 적어 주세요.|(풀이 과정 전체를 보여 주세요.)"),
    "ru": _s("Не пропускай шаги.|(С полным ходом рассуждений.)"),
}
# Labels put in front of the question, in the instruction's language.
LABELS = {
    "en": ("Question: ", "Problem: ", "Q: ", "Task: ", "Here it is: "),
    "es": ("Pregunta: ", "Problema: "),
    "de": ("Frage: ", "Aufgabe: "),
    "fr": ("Question : ", "Problème : "),
    "pt": ("Pergunta: ", "Problema: "),
    "zh": ("问题：", "题目："),
    "ja": ("問題：", "質問："),
    "ko": ("문제: ", "질문: "),
    "ru": ("Вопрос: ", "Задача: "),
}

# ---------------------------------------------------------------------------
# grading asks around a submission: {item}, {dims}
# ---------------------------------------------------------------------------

GRADE = {
    "en": _s(
        "Please assess the following {item}. Give a mark for each of these criteria: {dims}, "
        "and say why.|"
        "How good is this {item}? Rate it on {dims}, one score per criterion with a short "
        "reason.|"
        "Mark the {item} below against {dims}. I need a number and a justification for each.|"
        "Review this {item} as an examiner would: {dims}, each scored out of 10, reasons "
        "included.|"
        "Judge the quality of this {item} in terms of {dims}; explain every score you give.|"
        "Give this {item} a score for {dims} and explain what pulled each score down.|"
        "Critique and grade: {item}. Criteria are {dims}. Scores plus feedback per criterion.|"
        "Using {dims} as the rubric, evaluate the {item} that follows and justify the marks.|"
        "Be a tough marker. Score the {item} on {dims} and defend each number.|"
        "I need an assessment of this {item}: a grade for {dims} each, then an overall mark.|"
        "For the {item} below, rate {dims} from 1 to 10 and give reasons for each rating.|"
        "Evaluate this {item}. For each of {dims}: score, one-line reason."
    ),
    "es": _s(
        "Evalúa este texto ({item}) según {dims} y justifica cada nota.|"
        "Pon una nota del 1 al 10 a este {item} en {dims}, con una explicación por criterio.|"
        "Califica el siguiente {item}: {dims}. Explica cada puntuación."
    ),
    "de": _s(
        "Bewerte diesen Text ({item}) nach {dims} und begründe jede Note.|"
        "Gib dem folgenden {item} eine Punktzahl von 1 bis 10 für {dims}, jeweils mit "
        "Begründung.|"
        "Beurteile den {item} unten anhand von {dims}. Erkläre jede Bewertung."
    ),
    "fr": _s(
        "Évalue ce texte ({item}) selon {dims} et justifie chaque note.|"
        "Donne une note de 1 à 10 à ce {item} pour {dims}, avec une explication par critère.|"
        "Note le {item} ci-dessous : {dims}. Explique chaque score."
    ),
    "pt": _s(
        "Avalie este texto ({item}) segundo {dims} e justifique cada nota.|"
        "Dê uma nota de 1 a 10 para este {item} em {dims}, com uma explicação por critério.|"
        "Corrija o {item} abaixo considerando {dims}. Explique cada pontuação."
    ),
    "zh": _s(
        "请根据{dims}对下面的{item}进行评分，并说明每个分数的理由。|"
        "给这篇{item}在{dims}方面各打一个1到10的分数，并解释原因。|"
        "请像阅卷老师一样评价这个{item}（标准：{dims}），逐项给分并说明。"
    ),
    "ja": _s(
        "次の{item}を{dims}の観点で採点し、それぞれの理由を説明してください。|"
        "この{item}に{dims}ごとに1〜10の点数をつけ、理由も書いてください。|"
        "採点者として、以下の{item}を{dims}で評価してください。各評価に根拠を添えて。"
    ),
    "ko": _s(
        "다음 {item}을(를) {dims} 기준으로 채점하고 각 점수의 이유를 설명해 주세요.|"
        "이 {item}에 {dims} 항목별로 1~10점을 매기고 이유를 적어 주세요.|"
        "채점자처럼 아래 {item}을(를) {dims}(으)로 평가하고 근거를 제시해 주세요."
    ),
    "ru": _s(
        "Оцени этот текст ({item}) по критериям: {dims}, и обоснуй каждую оценку.|"
        "Поставь оценку от 1 до 10 за {dims}; текст ({item}) ниже, поясни каждый критерий.|"
        "Проверь текст ниже ({item}) как экзаменатор: {dims}. Объясни каждую оценку."
    ),
}

# ---------------------------------------------------------------------------
# coding asks around a task: {lang}, {diff}, {extra}
# ---------------------------------------------------------------------------

CODE = {
    "en": _s(
        "Write {diff} {lang} code for the task below. {extra}|"
        "I need a {lang} implementation ({diff}) of the following. {extra}|"
        "Implement this in {lang}; it should be {diff}. {extra}|"
        "Could you code the following up in {lang}? Aim for {diff}. {extra}|"
        "Produce a {diff} solution in {lang} for this requirement. {extra}|"
        "Language: {lang}. Style: {diff}. {extra}|"
        "Solve the programming task below in {lang}, {diff}. {extra}|"
        "Give me {lang} source that does what is described. Quality bar: {diff}. {extra}|"
        "Your job: a {diff} {lang} implementation of the spec. {extra}|"
        "Please write the {lang} for this, keeping it {diff}. {extra}|"
        "Target {lang}. The code must be {diff}. {extra}|"
        "Draft a {diff} piece of {lang} that satisfies the description. {extra}"
    ),
    "es": _s(
        "Escribe código {lang} ({diff}) para la siguiente tarea. {extra}|"
        "Implementa esto en {lang} (estilo: {diff}). {extra}|"
        "Necesito una solución en {lang} para lo siguiente ({diff}). {extra}"
    ),
    "de": _s(
        "Schreib {lang}-Code ({diff}) für die folgende Aufgabe. {extra}|"
        "Implementiere das in {lang} (Stil: {diff}). {extra}|"
        "Ich brauche eine Lösung in {lang} für Folgendes ({diff}). {extra}"
    ),
    "fr": _s(
        "Écris du code {lang} ({diff}) pour la tâche suivante. {extra}|"
        "Implémente ceci en {lang} (style : {diff}). {extra}|"
        "J'ai besoin d'une solution en {lang} pour ce qui suit ({diff}). {extra}"
    ),
    "pt": _s(
        "Escreva código {lang} ({diff}) para a tarefa abaixo. {extra}|"
        "Implemente isto em {lang} (estilo: {diff}). {extra}|"
        "Preciso de uma solução em {lang} para o seguinte ({diff}). {extra}"
    ),
    "zh": _s(
        "请用{lang}为下面的任务编写代码（要求：{diff}）。{extra}|"
        "用{lang}实现以下功能，代码需要{diff}。{extra}|"
        "请写一段{lang}程序完成下面的需求（{diff}）。{extra}"
    ),
    "ja": _s(
        "次のタスクを{lang}で実装してください（{diff}）。{extra}|"
        "{lang}で以下の処理を書いてください。条件：{diff}。{extra}|"
        "下記の要件を満たす{lang}のコードをお願いします（{diff}）。{extra}"
    ),
    "ko": _s(
        "다음 작업을 {lang}(으)로 구현해 주세요 ({diff}). {extra}|"
        "{lang} 코드로 아래 기능을 작성해 주세요. 조건: {diff}. {extra}|"
        "아래 요구사항을 만족하는 {lang} 코드를 부탁합니다 ({diff}). {extra}"
    ),
    "ru": _s(
        "Напиши код на {lang} ({diff}) для следующей задачи. {extra}|"
        "Реализуй это на {lang}, требования: {diff}. {extra}|"
        "Нужно решение на {lang} для описанного ниже ({diff}). {extra}"
    ),
}
# How the task itself is stated (the payload of a coding ask): {task} is a verb phrase.
CODE_TASK_FORMS = _s(
    "A function that {task}.|Something that {task}.|The program {task}.|"
    "Spec: a routine that {task}.|It {task}.|Needed: code that {task}."
)

# ---------------------------------------------------------------------------
# tool-calling asks around a schema and a request (no slots)
# ---------------------------------------------------------------------------

TOOL = {
    "en": _s(
        "Decide which of the functions below to call for the user's request, and with which "
        "arguments. Reply in JSON.|"
        "Given these tool definitions, output the call(s) that answer the request as JSON, "
        "nothing else.|"
        "Pick the right tool and fill in its arguments for the message at the end. JSON only.|"
        "You can call the functions listed. Produce the function call for the request as a "
        "JSON object.|"
        "Map the request onto the available tools and return the calls, in order, as JSON.|"
        "Which function fits this request? Return its name and arguments as JSON.|"
        "Act as the tool-calling layer: read the schema and emit JSON calls for the request.|"
        "Translate the user's request into tool calls using the schema provided. Output JSON."
    ),
    "es": _s(
        "Elige la función adecuada del esquema y sus argumentos para la petición. Responde "
        "solo en JSON.|"
        "Convierte la petición del usuario en llamadas a las herramientas disponibles, en "
        "formato JSON."
    ),
    "de": _s(
        "Wähle die passende Funktion aus dem Schema und ihre Argumente für die Anfrage. Nur "
        "JSON.|"
        "Übersetze die Anfrage in Tool-Aufrufe mit den verfügbaren Funktionen, als JSON."
    ),
    "fr": _s(
        "Choisis la fonction adaptée dans le schéma et ses arguments pour la demande. Réponds "
        "uniquement en JSON.|"
        "Transforme la demande de l'utilisateur en appels d'outils, au format JSON."
    ),
    "pt": _s(
        "Escolha a função certa do esquema e os argumentos para o pedido. Responda só em JSON.|"
        "Converta o pedido do usuário em chamadas às ferramentas disponíveis, em JSON."
    ),
    "zh": _s(
        "根据下面的函数定义，为用户的请求选择合适的函数并填写参数，只输出JSON。|"
        "把用户的请求转换成工具调用，按顺序以JSON格式输出。"
    ),
    "ja": _s(
        "以下の関数定義から、リクエストに合う関数と引数を選び、JSONだけで答えてください。|"
        "ユーザーの依頼を利用可能なツールの呼び出しに変換し、JSONで出力してください。"
    ),
    "ko": _s(
        "아래 함수 정의에서 요청에 맞는 함수와 인자를 골라 JSON으로만 답해 주세요.|"
        "사용자 요청을 사용 가능한 도구 호출로 바꿔 JSON 형식으로 출력해 주세요."
    ),
    "ru": _s(
        "Выбери подходящую функцию из схемы и её аргументы для запроса. Ответ только в JSON.|"
        "Преобразуй запрос пользователя в вызовы доступных инструментов в формате JSON."
    ),
}
REQUEST_LEADS = ("User: ", "Request: ", "", "Message: ")

# ---------------------------------------------------------------------------
# agent-planning asks around a goal: {tools}
# ---------------------------------------------------------------------------

AGENT = {
    "en": _s(
        "Plan how an agent with the tools {tools} would get this done, step by step, with each "
        "tool call spelled out.|"
        "Using only {tools}, break the goal below into actions and write out the full run: "
        "thought, action, input, result.|"
        "You are operating as an agent. Tools: {tools}. Produce the complete sequence of steps "
        "for the goal.|"
        "Lay out an execution plan for the goal using {tools}; list every call and what you "
        "expect back.|"
        "Simulate solving the following with the tools {tools}, showing reasoning before every "
        "action.|"
        "Give a step-by-step agent trajectory for this objective. Available: {tools}.|"
        "Decompose this objective into tool calls ({tools}) and explain the order.|"
        "Think like an autonomous assistant with {tools} and write out the whole plan and the "
        "calls."
    ),
    "es": _s(
        "Planifica cómo un agente con las herramientas {tools} lograría este objetivo, paso a "
        "paso.|Descompón el objetivo en acciones usando {tools} y describe cada llamada."
    ),
    "de": _s(
        "Plane, wie ein Agent mit den Tools {tools} dieses Ziel erreicht, Schritt für Schritt.|"
        "Zerlege das Ziel in Aktionen mit {tools} und beschreibe jeden Aufruf."
    ),
    "fr": _s(
        "Planifie comment un agent disposant des outils {tools} atteindrait cet objectif, "
        "étape par étape.|Décompose l'objectif en actions avec {tools} et décris chaque appel."
    ),
    "pt": _s(
        "Planeje como um agente com as ferramentas {tools} alcançaria este objetivo, passo a "
        "passo.|Divida o objetivo em ações usando {tools} e descreva cada chamada."
    ),
    "zh": _s(
        "请规划一个拥有工具{tools}的智能体如何一步步完成这个目标。|"
        "用{tools}把下面的目标拆解成具体操作，并写出每一次调用。"
    ),
    "ja": _s(
        "ツール{tools}を持つエージェントがこの目標をどう達成するか、手順ごとに計画してください。|"
        "{tools}を使って目標を具体的な操作に分解し、各呼び出しを書き出してください。"
    ),
    "ko": _s(
        "도구 {tools}를 가진 에이전트가 이 목표를 어떻게 달성할지 단계별로 계획해 주세요.|"
        "{tools}를 사용해 목표를 작업으로 나누고 각 호출을 설명해 주세요."
    ),
    "ru": _s(
        "Спланируй, как агент с инструментами {tools} достигнет этой цели, шаг за шагом.|"
        "Разбей цель на действия с помощью {tools} и опиши каждый вызов."
    ),
}

BANKS = {"cot": COT, "grade": GRADE, "code": CODE, "tool": TOOL, "agent": AGENT}

# ---------------------------------------------------------------------------
# per-request noise: filler words before and after, by language
# ---------------------------------------------------------------------------

FILLERS = {
    "en": (("please ", "pls ", "ok so ", "quick one: ", "hey, ", "right, ", "now "),
           (" please", " thanks", " thx", " ty")),
    "es": (("por favor, ", "oye, ", "a ver, "), (" por favor", " gracias")),
    "de": (("bitte ", "kurz: ", "also, "), (" bitte", " danke")),
    "fr": (("stp, ", "alors, ", "bon, "), (" stp", " merci")),
    "pt": (("por favor, ", "então, ", "olha, "), (" por favor", " obrigado")),
    "zh": (("麻烦", "请你", "那个，"), ("，谢谢", "。谢谢！")),
    "ja": (("すみません、", "ちなみに、"), ("。よろしくお願いします", "。お願いします")),
    "ko": (("혹시 ", "저기, "), (" 부탁해요", ". 감사합니다")),
    "ru": (("пожалуйста, ", "так, ", "слушай, "), (" пожалуйста", ", спасибо")),
}  # fmt: skip
