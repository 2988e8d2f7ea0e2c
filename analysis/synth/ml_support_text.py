"""Text of the customer-support products: one business per language, its fixed system prompt,
customers' questions ({order} an order or customer number, {n} a small number), follow-ups
and the sentences short answers are made of.
"""

from __future__ import annotations

SUPPORT: dict[str, dict] = {
    "ko": {
        "system": "당신은 온라인 쇼핑몰 '하늘마켓'의 고객센터 상담원입니다. 항상 존댓말을 "
        "사용하고 주문, 배송, 교환, 환불 문의에 친절하고 간결하게 답변하세요. 개인정보는 "
        "묻지 말고, 해결이 어려우면 1:1 문의 게시판을 안내하세요.",
        "questions": """
주문번호 {order} 배송 언제 와요?
어제 주문했는데 아직 발송이 안 됐어요
주문한 상품 취소하고 싶어요
사이즈가 안 맞아서 교환하고 싶은데 어떻게 해요?
환불은 며칠 걸려요?
쿠폰 적용이 안 돼요
배송지 변경할 수 있나요? 주문번호 {order}
배송 완료로 나오는데 택배를 못 받았어요
상품이 파손돼서 왔어요. 사진 보내면 되나요?
적립금은 언제 들어와요?
무통장입금 했는데 확인이 안 돼요
회원 탈퇴는 어떻게 하나요?
품절된 상품 재입고 언제 돼요?
교환 신청했는데 회수 기사님이 안 오셨어요
현금영수증 발급 가능한가요?
{n}개 주문했는데 하나만 왔어요
""",
        "follow": "네 감사합니다|그럼 반품 배송비는 누가 내요?|상담원 연결해 주세요|알겠습니다. "
        "기다려 볼게요",
        "reply": "불편을 드려 죄송합니다.|확인해 보니 현재 배송 준비 중입니다.|교환 및 반품은 "
        "상품 수령 후 7일 이내에 마이페이지에서 신청하실 수 있습니다.|환불은 회수 완료 후 "
        "영업일 기준 3~5일 이내에 처리됩니다.|추가로 궁금하신 점은 1:1 문의 게시판에 남겨 "
        "주세요.|확인 후 빠르게 안내해 드리겠습니다.",
        "join": " ",
    },
    "ja": {
        "system": "あなたは光回線サービス「ひかりネクスト」のサポート担当です。丁寧語で、料金・"
        "契約・接続トラブルに関する質問に簡潔に回答してください。本人確認が必要な手続きは"
        "マイページまたはサポート窓口を案内してください。",
        "questions": """
ネットが急につながらなくなりました
ルーターのランプが赤く点滅しています
今月の請求額がいつもより高いのはなぜですか？
引っ越しするので住所変更の手続きを教えてください
解約すると違約金はかかりますか？
Wi-Fiのパスワードを忘れてしまいました
夜になると通信速度が遅くなります
プラン変更はいつから反映されますか？
支払い方法をクレジットカードに変えたいです
工事の日程を変更できますか？
マイページにログインできません
お客様番号{order}の契約内容を確認したいです
オプションの{n}か月無料期間はいつまでですか？
領収書は発行できますか？
光電話の番号はそのまま使えますか？
""",
        "follow": "わかりました、ありがとうございます|それでも直らない場合はどうすればいいですか？|"
        "オペレーターにつないでください|費用はかかりますか？",
        "reply": "ご不便をおかけして申し訳ございません。|まずはルーターの電源を抜き、1分ほど"
        "待ってから差し直してください。|お手続きはマイページからいつでも可能です。|変更は翌月"
        "1日から反映されます。|解決しない場合はサポート窓口までご連絡ください。|お問い合わせ"
        "ありがとうございます。",
        "join": "",
    },
    "ru": {
        "system": "Ты — ассистент службы поддержки сервиса доставки продуктов «ЕдаРядом». "
        "Отвечай вежливо и коротко, на «вы». Помогай с заказами, оплатой, возвратами и "
        "промокодами. Не запрашивай данные карты; в сложных случаях предлагай написать "
        "оператору в чат приложения.",
        "questions": """
Где мой заказ {order}? Прошёл уже час
Курьер привёз не тот товар
В заказе не хватает {n} позиций
Как вернуть деньги за испорченный товар?
Промокод не применяется
Можно изменить время доставки?
Деньги списались дважды
Как отменить заказ?
Почему выросла стоимость доставки?
Курьер не может найти подъезд, что делать?
Как удалить аккаунт?
Можно оплатить наличными при получении?
Не приходит код подтверждения по СМС
Когда вернутся деньги на карту?
Хочу оставить жалобу на курьера
""",
        "follow": "Спасибо|А сколько ждать?|Соедините с оператором|Понятно, жду",
        "reply": "Приносим извинения за неудобства.|Ваш заказ уже у курьера, он приедет в "
        "течение 20 минут.|Возврат средств занимает от 3 до 10 рабочих дней в зависимости от "
        "банка.|Оформить возврат можно в разделе «Мои заказы» в приложении.|Если вопрос не "
        "решится, напишите оператору в чат приложения.|Спасибо, что сообщили нам об этом.",
        "join": " ",
    },
    "es": {
        "system": "Eres el asistente virtual de atención al cliente de Vuelasol. Responde en "
        "español, con amabilidad y de forma breve, sobre reservas, equipaje, cambios y "
        "reembolsos. No pidas datos de pago; si el caso requiere gestión manual, indica el "
        "formulario de contacto.",
        "questions": """
¿Cuánto equipaje de mano puedo llevar?
Quiero cambiar la fecha de mi vuelo, localizador {order}
Mi vuelo salió con {n} horas de retraso, ¿tengo derecho a compensación?
¿Cómo hago el check-in online?
Han perdido mi maleta, ¿qué hago?
¿Puedo llevar a mi perro en cabina?
¿Cuánto cuesta facturar una maleta extra?
No me ha llegado el correo de confirmación
¿Puedo cancelar y que me devuelvan el dinero?
¿Cómo cambio el nombre del pasajero?
¿Hay que imprimir la tarjeta de embarque?
Viajo con un bebé, ¿necesita billete?
¿A qué hora abre el embarque?
Quiero elegir asiento, ¿tiene coste?
Me han cobrado dos veces la reserva {order}
""",
        "follow": "Vale, gracias|¿Y si no me contestan?|¿Puedo hablar con una persona?|¿Cuánto "
        "tarda el reembolso?",
        "reply": "Sentimos las molestias.|Puedes gestionarlo desde «Mis reservas» en nuestra web "
        "o app.|El equipaje de mano incluido es una pieza de hasta 10 kg.|El check-in online "
        "abre 24 horas antes de la salida.|Si el problema continúa, rellena el formulario de "
        "contacto y te responderemos en 48 horas.|Gracias por tu paciencia.",
        "join": " ",
    },
    "ar": {
        "system": "أنت مساعد خدمة العملاء في تطبيق «محفظتي» للدفع الإلكتروني. أجب باللغة "
        "العربية بأسلوب مهذب ومختصر عن التحويلات والبطاقات والحساب. لا تطلب أبداً الرقم السري "
        "أو رمز التحقق، وعند الحاجة وجّه العميل إلى خدمة العملاء عبر الهاتف.",
        "questions": """
حولت مبلغاً ولم يصل إلى المستلم
كيف أغير الرقم السري للبطاقة؟
تم خصم المبلغ مرتين من حسابي
كيف أرفع حد التحويل اليومي؟
نسيت كلمة المرور
العملية رقم {order} معلّقة منذ يومين
كيف أوقف البطاقة إذا ضاعت؟
لماذا لا يصلني رمز التحقق؟
هل توجد رسوم على التحويل الدولي؟
كيف أحدّث بياناتي الشخصية؟
أريد إلغاء عملية شراء
متى يُعاد المبلغ إلى حسابي؟
التطبيق لا يفتح عندي
كيف أضيف بطاقة جديدة؟
وصلتني رسالة مشبوهة باسمكم، هل هي منكم؟
حاولت الدفع {n} مرات والعملية ترفض
""",
        "follow": "شكراً|وكم يستغرق ذلك؟|أريد التحدث مع موظف|تمام، سأنتظر",
        "reply": "نعتذر عن الإزعاج.|يمكنك إيقاف البطاقة فوراً من قسم «البطاقات» في التطبيق.|"
        "تتم معالجة طلبات الاسترجاع خلال 3 إلى 5 أيام عمل.|لن نطلب منك أبداً الرقم السري أو "
        "رمز التحقق.|إذا استمرت المشكلة يرجى التواصل مع خدمة العملاء.|شكراً لتواصلك معنا.",
        "join": " ",
    },
    "de": {
        "system": "Du bist der digitale Kundenservice von Nordlicht Energie. Antworte auf "
        "Deutsch, freundlich und knapp (Sie-Form), zu Verträgen, Abschlägen, Zählerständen und "
        "Umzügen. Frage keine Bankdaten ab; verweise bei Vertragsänderungen auf das "
        "Kundenportal.",
        "questions": """
Wie hoch ist mein monatlicher Abschlag?
Ich ziehe um, wie melde ich das?
Wo gebe ich meinen Zählerstand ein?
Meine Jahresabrechnung ist viel zu hoch
Ich möchte meinen Abschlag auf {n}0 Euro senken
Wann wird mein Guthaben ausgezahlt?
Wie kann ich meinen Vertrag kündigen?
Die Lastschrift ist zurückgegangen, was jetzt?
Ich habe eine Mahnung bekommen, obwohl ich bezahlt habe
Kann ich zu Ökostrom wechseln?
Wie ändere ich meine Bankverbindung?
Vertragsnummer {order}: Wann endet meine Preisgarantie?
Ich komme nicht ins Kundenportal
Bekomme ich die Rechnung auch per Post?
Warum steigen die Preise im Januar?
""",
        "follow": "Danke|Und wie lange dauert das?|Kann ich mit einem Mitarbeiter sprechen?|"
        "Alles klar",
        "reply": "Vielen Dank für Ihre Nachricht.|Den Zählerstand können Sie jederzeit im "
        "Kundenportal unter „Zählerstände“ eingeben.|Den Abschlag können Sie im Kundenportal "
        "anpassen.|Guthaben überweisen wir innerhalb von 14 Tagen nach der Abrechnung.|Für "
        "Vertragsänderungen nutzen Sie bitte das Kundenportal.|Entschuldigen Sie die "
        "Unannehmlichkeiten.",
        "join": " ",
    },
}

# ---------------------------------------------------------------------------
# translation products: (system prompt, [(source sentence, translation), ...])
# ---------------------------------------------------------------------------

TRANSLATION: dict[tuple[str, str], tuple[str, tuple[tuple[str, str], ...]]] = {
    ("ja", "en"): (
        "あなたはプロの翻訳者です。ユーザーが貼り付けた日本語の文章を、自然で正確な英語に"
        "翻訳してください。訳文だけを出力し、説明は付けないでください。",
        (
            ("本日はお忙しいところお時間をいただき、誠にありがとうございました。",
             "Thank you very much for taking the time to meet with us today."),
            ("来週の会議は、会議室の都合により水曜日の午後に変更となりました。",
             "Due to room availability, next week's meeting has been moved to Wednesday "
             "afternoon."),
            ("添付の資料をご確認のうえ、今週金曜日までにご返信いただけますと幸いです。",
             "Please review the attached documents and reply by this Friday if possible."),
            ("本製品は防水仕様ではありませんので、水回りでのご使用はお控えください。",
             "This product is not waterproof, so please avoid using it near water."),
            ("年末年始の営業時間は下記のとおりです。",
             "Our business hours over the New Year holidays are as follows."),
            ("お問い合わせいただいた件につきまして、担当者より追ってご連絡いたします。",
             "Regarding your inquiry, the person in charge will contact you shortly."),
            ("商品の発送までに3〜5営業日ほどお時間をいただいております。",
             "Please allow three to five business days for your order to ship."),
            ("ご不明な点がございましたら、お気軽にお問い合わせください。",
             "If you have any questions, please feel free to contact us."),
            ("当社は来月より新しい物流センターの稼働を開始いたします。",
             "Our new distribution center will begin operations next month."),
            ("契約期間は1年間で、期間満了の1か月前までにお申し出がない場合は自動更新されます。",
             "The contract runs for one year and renews automatically unless notice is given "
             "at least one month before it expires."),
            ("先日の打ち合わせでいただいたご意見を踏まえ、企画書を修正いたしました。",
             "We have revised the proposal based on the feedback from our recent meeting."),
            ("今後ともどうぞよろしくお願い申し上げます。",
             "We look forward to continuing to work with you."),
        ),
    ),
    ("de", "fr"): (
        "Du bist ein professioneller Übersetzer. Übersetze den eingefügten deutschen Text in "
        "natürliches, korrektes Französisch. Gib nur die Übersetzung aus, ohne Erklärungen.",
        (
            ("Vielen Dank für Ihre Anfrage. Wir melden uns innerhalb von zwei Werktagen bei Ihnen.",
             "Merci pour votre demande. Nous vous recontacterons sous deux jours ouvrables."),
            ("Die Sitzung am Donnerstag wird auf nächste Woche verschoben.",
             "La réunion de jeudi est reportée à la semaine prochaine."),
            ("Bitte senden Sie uns die unterschriebenen Unterlagen bis Ende des Monats zurück.",
             "Veuillez nous retourner les documents signés d'ici la fin du mois."),
            ("Unser Büro bleibt am Montag wegen eines Feiertags geschlossen.",
             "Notre bureau sera fermé lundi en raison d'un jour férié."),
            ("Die Lieferung verzögert sich leider um einige Tage.",
             "La livraison est malheureusement retardée de quelques jours."),
            ("Im Anhang finden Sie die Rechnung für den vergangenen Monat.",
             "Vous trouverez ci-joint la facture du mois dernier."),
            ("Das Gerät darf nur von geschultem Personal gewartet werden.",
             "L'appareil ne doit être entretenu que par du personnel qualifié."),
            ("Wir freuen uns, Ihnen mitteilen zu können, dass Ihr Antrag genehmigt wurde.",
             "Nous avons le plaisir de vous informer que votre demande a été acceptée."),
            ("Alle Preise verstehen sich zuzüglich der gesetzlichen Mehrwertsteuer.",
             "Tous les prix s'entendent hors TVA."),
            ("Bei Rückfragen steht Ihnen unser Kundenservice gerne zur Verfügung.",
             "Pour toute question, notre service client reste à votre disposition."),
            ("Der Vertrag verlängert sich automatisch um ein Jahr, sofern er nicht fristgerecht "
             "gekündigt wird.",
             "Le contrat est reconduit tacitement pour un an, sauf résiliation dans les délais."),
            ("Mit freundlichen Grüßen", "Cordialement"),
        ),
    ),
}  # fmt: skip
