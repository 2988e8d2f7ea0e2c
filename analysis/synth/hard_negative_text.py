"""Text of the benign heavy users of adversary mode: translation, tutoring, CI test suites.

Prompts of the translation backend and the CI suites are a pure function of the row's
p1/p2 (a product re-sends the same text for the same item); tutoring prompts are students'
questions drawn like the student population's, wrapped in the app's fixed user template.
"""

from __future__ import annotations

import json
import random
from functools import lru_cache

from analysis.synth import responses as R
from analysis.synth import text_banks as B
from analysis.synth.prompts import (
    KIND_CI,
    KIND_STUDENT,
    KIND_TRANSLATE,
    KIND_TUTOR,
    STORED_RESPONSE_CHARS,
    _ch,
    _ri,
    cap,
    everyday_question,
    paragraph,
    student_prompt,
    typo,
)
from analysis.synth.scripted_prompts import email_text, product_spec, review_text, ticket_text
from analysis.synth.topics import TOPICS

KINDS = (KIND_TRANSLATE, KIND_TUTOR, KIND_CI)
CHARS_PER_TOKEN = 4  # as generate.CHARS_PER_TOKEN

# ---------------------------------------------------------------------------
# translation backend
# ---------------------------------------------------------------------------

# Target languages with their share of requests, and three sentences of generic customer
# text in each (the stored response is built from them).
_TARGETS: tuple[tuple[str, float, tuple[str, str, str]], ...] = (
    ("Spanish", 14, ("Gracias por tu pedido. Ya ha sido enviado y debería llegar en un plazo de "
                     "tres a cinco días hábiles.",
                     "Si tienes alguna pregunta, ponte en contacto con nuestro equipo de soporte.",
                     "Hemos actualizado nuestras condiciones de servicio; los cambios entran en "
                     "vigor el próximo mes.")),
    ("French", 10, ("Merci pour votre commande. Elle a été expédiée et devrait arriver sous trois "
                    "à cinq jours ouvrés.",
                    "Pour toute question, veuillez contacter notre équipe d'assistance.",
                    "Nous avons mis à jour nos conditions d'utilisation ; les modifications "
                    "prennent effet le mois prochain.")),
    ("German", 10, ("Vielen Dank für Ihre Bestellung. Sie wurde versandt und sollte innerhalb von "
                    "drei bis fünf Werktagen ankommen.",
                    "Bei Fragen wenden Sie sich bitte an unser Support-Team.",
                    "Wir haben unsere Nutzungsbedingungen aktualisiert; die Änderungen gelten ab "
                    "nächstem Monat.")),
    ("Brazilian Portuguese", 8, ("Obrigado pelo seu pedido. Ele já foi enviado e deve chegar em "
                                 "três a cinco dias úteis.",
                                 "Se tiver alguma dúvida, entre em contato com nossa equipe de "
                                 "suporte.",
                                 "Atualizamos nossos termos de serviço; as mudanças entram em "
                                 "vigor no próximo mês.")),
    ("Japanese", 8, ("ご注文ありがとうございます。商品は発送済みで、3〜5営業日以内に届く予定です。",
                     "ご不明な点がございましたら、サポートチームまでお問い合わせください。",
                     "利用規約を更新しました。変更は来月から適用されます。")),
    ("Simplified Chinese", 8, ("感谢您的订购。商品已发货，预计三到五个工作日内送达。",
                               "如有任何问题，请联系我们的客服团队。",
                               "我们更新了服务条款，变更将于下个月生效。")),
    ("Italian", 5, ("Grazie per il tuo ordine. È stato spedito e dovrebbe arrivare entro "
                    "tre-cinque giorni lavorativi.",
                    "Per qualsiasi domanda, contatta il nostro team di assistenza.",
                    "Abbiamo aggiornato i nostri termini di servizio; le modifiche entrano in "
                    "vigore il mese prossimo.")),
    ("Korean", 5, ("주문해 주셔서 감사합니다. 상품이 발송되었으며 영업일 기준 3~5일 이내에 도착할 "
                   "예정입니다.",
                   "문의 사항이 있으시면 고객지원팀에 연락해 주세요.",
                   "서비스 약관이 업데이트되었습니다. 변경 사항은 다음 달부터 적용됩니다.")),
    ("Dutch", 4, ("Bedankt voor je bestelling. Deze is verzonden en zou binnen drie tot vijf "
                  "werkdagen moeten aankomen.",
                  "Heb je vragen, neem dan contact op met ons supportteam.",
                  "We hebben onze servicevoorwaarden bijgewerkt; de wijzigingen gaan volgende "
                  "maand in.")),
    ("Polish", 3, ("Dziękujemy za zamówienie. Zostało wysłane i powinno dotrzeć w ciągu trzech "
                   "do pięciu dni roboczych.",
                   "W razie pytań skontaktuj się z naszym zespołem wsparcia.",
                   "Zaktualizowaliśmy regulamin; zmiany wchodzą w życie w przyszłym miesiącu.")),
    ("Russian", 3, ("Спасибо за заказ. Он уже отправлен и должен прийти в течение трёх–пяти "
                    "рабочих дней.",
                    "Если у вас есть вопросы, свяжитесь с нашей службой поддержки.",
                    "Мы обновили условия обслуживания; изменения вступают в силу в следующем "
                    "месяце.")),
    ("Turkish", 3, ("Siparişiniz için teşekkür ederiz. Kargoya verildi ve üç ila beş iş günü "
                    "içinde ulaşması bekleniyor.",
                    "Herhangi bir sorunuz olursa lütfen destek ekibimizle iletişime geçin.",
                    "Hizmet koşullarımızı güncelledik; değişiklikler gelecek ay yürürlüğe "
                    "girecek.")),
    ("Indonesian", 3, ("Terima kasih atas pesanan Anda. Pesanan sudah dikirim dan akan tiba "
                       "dalam tiga hingga lima hari kerja.",
                       "Jika ada pertanyaan, silakan hubungi tim dukungan kami.",
                       "Kami telah memperbarui ketentuan layanan; perubahan berlaku mulai bulan "
                       "depan.")),
    ("Hindi", 3, ("आपके ऑर्डर के लिए धन्यवाद। इसे भेज दिया गया है और यह तीन से पाँच कार्यदिवसों में "
                  "पहुँच जाना चाहिए।",
                  "किसी भी प्रश्न के लिए कृपया हमारी सहायता टीम से संपर्क करें।",
                  "हमने अपनी सेवा की शर्तें अपडेट की हैं; बदलाव अगले महीने से लागू होंगे।")),
    ("Arabic", 3, ("شكرًا لطلبك. تم شحن الطلب ومن المتوقع أن يصل خلال ثلاثة إلى خمسة أيام عمل.",
                   "إذا كانت لديك أي أسئلة، يرجى التواصل مع فريق الدعم لدينا.",
                   "قمنا بتحديث شروط الخدمة، وستدخل التغييرات حيز التنفيذ الشهر المقبل.")),
    ("Swedish", 2, ("Tack för din beställning. Den har skickats och bör komma fram inom tre "
                    "till fem arbetsdagar.",
                    "Om du har frågor, kontakta vårt supportteam.",
                    "Vi har uppdaterat våra användarvillkor; ändringarna gäller från nästa "
                    "månad.")),
    ("Ukrainian", 2, ("Дякуємо за замовлення. Його вже відправлено, і воно має надійти протягом "
                      "трьох–п'яти робочих днів.",
                      "Якщо у вас є запитання, зверніться до нашої служби підтримки.",
                      "Ми оновили умови користування; зміни набудуть чинності наступного "
                      "місяця.")),
    ("Vietnamese", 2, ("Cảm ơn bạn đã đặt hàng. Đơn hàng đã được gửi đi và sẽ đến trong vòng "
                       "ba đến năm ngày làm việc.",
                       "Nếu bạn có bất kỳ câu hỏi nào, vui lòng liên hệ với đội ngũ hỗ trợ của "
                       "chúng tôi.",
                       "Chúng tôi đã cập nhật điều khoản dịch vụ; các thay đổi có hiệu lực từ "
                       "tháng sau.")),
)  # fmt: skip
TARGET_LANGUAGES = tuple(t[0] for t in _TARGETS)
TARGET_WEIGHTS = tuple(t[1] for t in _TARGETS)
TRANSLATE_TEMPLATE = "Translate the following text into {language}: {text}"
UI_STRINGS = B._s(
    "Add to cart|Your password must contain at least 8 characters, one number and one symbol.|"
    "We couldn't process your payment. Please check your card details and try again.|"
    "Free returns within 30 days.|Sign in with your work email|"
    "Your subscription renews on the first of every month. You can cancel at any time.|"
    "This item is out of stock. Notify me when it's back.|Estimated delivery: 3-5 business days|"
    "By continuing you agree to our Terms of Service and Privacy Policy.|"
    "Something went wrong on our side. Our team has been notified.|Save changes?|"
    "You have 3 unread messages|Track your order|Change delivery address"
)


def _source_text(r: random.Random) -> str:
    """Return a text a localisation customer sends for translation."""
    u = r.random()
    if u < 0.2:
        return review_text(r)
    if u < 0.35:
        return email_text(r)
    if u < 0.5:
        return ticket_text(r)
    if u < 0.6:
        return product_spec(r)
    if u < 0.8:
        return paragraph(r, _ri(r, 3, 7))
    if u < 0.92:
        return _ch(r, UI_STRINGS)
    return cap(everyday_question(r, r.randrange(len(TOPICS)))[0])


@lru_cache(maxsize=200_000)
def translate_prompt(target: int, text_seed: int) -> str:
    """Return the translation request for a target language index and a text seed."""
    text = _source_text(random.Random(text_seed))
    language = TARGET_LANGUAGES[target % len(TARGET_LANGUAGES)]
    return TRANSLATE_TEMPLATE.format(language=language, text=text)


def translation_response(r: random.Random, target: int, chars: int) -> str:
    """Return stored translation text in the target language of about chars characters."""
    sents = list(_TARGETS[target % len(_TARGETS)][2])
    r.shuffle(sents)
    out = sents[0]
    for s in sents[1:]:
        if len(out) >= chars:
            break
        out += " " + s
    return out[:chars]


# ---------------------------------------------------------------------------
# tutoring backend
# ---------------------------------------------------------------------------

TUTOR_USER_TEMPLATES = (
    "{q}",
    "Student question: {q}",
    "[Year {g}] {q}",
    "The student writes:\n{q}",
)
N_TUTOR_TEMPLATES = len(TUTOR_USER_TEMPLATES)
TUTOR_SUBJECTS = (0, 1, 2, 3, 4, 6, 7, 8, 13, 14)  # maths, physics, probability, statistics


def tutor_prompt(r: random.Random, p1: int, turn: int) -> str:
    """Return a student's message wrapped in the app's user template (p1 = subject + 16 * t)."""
    q = student_prompt(r, p1 % 16, turn)
    return TUTOR_USER_TEMPLATES[(p1 // 16) % N_TUTOR_TEMPLATES].format(q=q, g=_ri(r, 7, 12))


# ---------------------------------------------------------------------------
# CI test suites: a fixed prompt per (suite, test index), temperature 0, small outputs
# ---------------------------------------------------------------------------

_COUNTRIES = (("Germany", "DE"), ("Japan", "JP"), ("Brazil", "BR"), ("Kenya", "KE"),
              ("Canada", "CA"), ("Norway", "NO"), ("India", "IN"), ("Mexico", "MX"))  # fmt: skip
_WORDS = B._s("pong|ready|ok|banana|green|seven|done|alpha|yes|hello")
_MONTHS = B._s("January|February|March|April|May|June|July|August|September|October")
# max_tokens of each CI test template (index = test index % len)
CI_MAX_TOKENS = (8, 48, 4, 8, 96, 4, 96, 16, 4, 160, 48, 48, 48)


def _ci_case(r: random.Random, template: int) -> tuple[str, str]:
    """Return (prompt, expected output) of one CI test case."""
    name, town = _ch(r, B.FIRST_NAMES), _ch(r, B.TOWNS)
    if template == 0:
        w = _ch(r, _WORDS)
        return f"Reply with exactly the word: {w}", w
    if template == 1:
        addr = f"{_ri(r, 1, 250)} {_ch(r, ('Elm', 'High', 'Mill', 'Station'))} Street, {town}"
        return (f'Extract the city from this address and return JSON {{"city": ...}}: {addr}',
                json.dumps({"city": town}))  # fmt: skip
    if template == 2:
        return ("Classify the sentiment of this review as positive, negative or neutral. "
                f"Answer with one word.\n\nReview: {review_text(r)}",
                _ch(r, ("positive", "negative", "neutral")))  # fmt: skip
    if template == 3:
        a, b = _ri(r, 10, 999), _ri(r, 10, 999)
        return f"What is {a} + {b}? Answer with the number only.", str(a + b)
    if template == 4:
        return f"Summarize in one sentence: {paragraph(r, 4)}", paragraph(r, 1)
    if template == 5:
        country, code = _ch(r, _COUNTRIES)
        return f"Return the ISO 3166 alpha-2 code for {country}. Only the code.", code
    if template == 6:
        s = f"{name} said the {_ch(r, B.PRODUCTS)} arrived yesterday and works perfectly"
        return ("Fix the spelling in this sentence and return only the corrected sentence: "
                f"{typo(r, typo(r, s))}", s + ".")  # fmt: skip
    if template == 7:
        d, m, y = _ri(r, 1, 28), _ri(r, 1, 10), _ri(r, 2019, 2026)
        return (f"Convert this date to ISO 8601 (YYYY-MM-DD): {_MONTHS[m - 1]} {d}, {y}",
                f"{y}-{m:02d}-{d:02d}")  # fmt: skip
    if template == 8:
        ok = r.random() < 0.5
        email = f"{name.lower()}{'@' if ok else '.'}example.com"
        return f"Is this a valid email address? Answer yes or no: {email}", "yes" if ok else "no"
    if template == 9:
        return (f'You are a support bot for {town} Outdoor. A customer writes: "{ticket_text(r)}" '
                "Reply in at most two sentences.",
                "Sorry about that! I've passed this to our team and we'll update you within 24 "
                "hours.")  # fmt: skip
    if template == 10:
        xs = [_ri(r, 1, 500) for _ in range(_ri(r, 2, 5))]
        text = " and ".join(f"{x} {_ch(r, B.PRODUCTS)}s" for x in xs)
        return f"Extract all numbers from the text as a JSON array: We ordered {text}.", str(xs)
    if template == 11:
        words = f"{name} moved to {town} to work on {_ch(r, B.ESSAY_TOPICS)}".split()
        return ("Count the words in this sentence and answer with the number only: "
                + " ".join(words), str(len(words)))  # fmt: skip
    age = _ri(r, 18, 90)
    return (f"Answer with valid JSON only. Give the keys name and age for: {name} is {age} "
            "years old.", json.dumps({"name": name, "age": age}))  # fmt: skip


@lru_cache(maxsize=50_000)
def ci_case(p2: int) -> tuple[str, str]:
    """Return (prompt, expected output) for p2 = suite seed * 4096 + test index."""
    return _ci_case(random.Random(p2), (p2 % 4096) % len(CI_MAX_TOKENS))


# ---------------------------------------------------------------------------
# dispatch
# ---------------------------------------------------------------------------


def heavy_prompt(r: random.Random, kind: int, p1: int, p2: int, turn: int) -> str:
    """Return the prompt text of a heavy-user row (KIND_TRANSLATE, KIND_TUTOR, KIND_CI)."""
    if kind == KIND_TRANSLATE:
        return translate_prompt(p1, p2)
    if kind == KIND_TUTOR:
        return tutor_prompt(r, p1, turn)
    return ci_case(p2)[0]


def heavy_response(r: random.Random, kind: int, ctok: int, p1: int, p2: int) -> str:
    """Return the stored response of a heavy-user row (truncated like every response)."""
    chars = max(1, min(ctok * CHARS_PER_TOKEN, STORED_RESPONSE_CHARS))
    if kind == KIND_TRANSLATE:
        return translation_response(r, p1, chars)
    if kind == KIND_TUTOR:
        return R.response_text(r, KIND_STUDENT, chars, p1 % 16)
    return ci_case(p2)[1][:chars]
