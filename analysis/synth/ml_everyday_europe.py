"""Everyday phrasing of ordinary users: Spanish, French, German, Portuguese, Italian, Polish,
Dutch and Swedish.

Same layout as ml_everyday_asia.py. Slot values carry the article or case their templates
need (French "une ratatouille", Polish places in the locative, ...).
"""

from __future__ import annotations

BANKS: dict[str, dict] = {
    "es": {
        "templates": """
¿Qué tiempo va a hacer en {place} este fin de semana? ¿Llevo paraguas?
La semana que viene voy a {place}, ¿qué ropa me llevo?
Receta de {dish} para dos personas
¿Qué trucos hay para que salga bien {dish}?
Solo tengo pollo, cebolla y huevos en la nevera, ¿puedo hacer {dish}?
Hazme un plan de tres días en {place}
¿Qué hay que comer sí o sí en {place}?
Voy con mis padres a {place}, ¿qué sitios hay sin tener que andar mucho?
¿Qué puedo hacer en casa contra {ill}?
¿Cuándo hay que ir al médico por {ill}?
¿Qué alimentos ayudan con {ill}?
Recomiéndame {item} por menos de 300 euros
¿Merece la pena comprar {item} ahora o espero a las rebajas?
¿En qué me fijo al comprar {item}?
Escríbeme un mensaje de agradecimiento para {who}, que no sea muy formal
Ayúdame a escribirle a {who} que mañana no puedo ir, de forma educada
Dame un par de felicitaciones de Navidad para {who}
¿Cómo se dice «{phrase}» en inglés?
Tradúceme «{phrase}» al inglés de forma natural
Explícame brevemente qué es {topic}
¿Qué es {topic}? Explícalo como para un niño de primaria
¿Por qué se habla tanto de {topic} últimamente?
Resume este texto en tres frases:\n{para}
¿De qué va este texto? Dímelo en pocas palabras\n\n{para}
¿Cómo me acostumbro a madrugar?
¿Cómo ahorro en la compra este mes?
""",
        "dish": "paella|tortilla de patatas|gazpacho|arroz con leche|pozole|empanadas",
        "place": "Sevilla|Valencia|Ciudad de México|Buenos Aires|Cartagena|Granada",
        "ill": "el dolor de cabeza|el insomnio|el dolor de espalda|la tos|la acidez",
        "item": "un portátil|unos auriculares inalámbricos|un purificador de aire|unas "
        "zapatillas para correr|una olla exprés",
        "who": "mi jefa|el casero|un cliente|la profe de mi hijo",
        "phrase": "buen provecho|estar en las nubes|ponerse las pilas|qué pena|me da igual",
        "topic": "la inflación|el blockchain|la fotosíntesis|la prima de riesgo|la huella de "
        "carbono",
        "paras": (
            "El ayuntamiento ha anunciado que a partir del mes que viene el billete de autobús "
            "subirá veinte céntimos. Según el concejal de movilidad, el aumento se debe al coste "
            "del combustible. Los descuentos para estudiantes y jubilados se mantienen.",
            "Se informa a los vecinos de que el próximo martes, de 9:00 a 17:00, se realizará la "
            "revisión periódica de los ascensores. Durante ese horario no podrán utilizarse. "
            "Disculpen las molestias.",
        ),
        "open": "Hola|Buenas|Una pregunta:|Oye",
        "close": "gracias|¡mil gracias!|gracias de antemano",
        "follow": "¿Me lo puedes resumir más?|¿Hay otra forma?|¡Gracias! ¿Y cuánto cuesta más "
        "o menos?|Ponme un ejemplo|Escríbelo más natural",
        "reply": "¡Buena pregunta!|Te resumo lo más importante.|Lo mejor es empezar por lo "
        "básico e ir poco a poco.|Depende un poco de cada caso.|Si quieres más detalle, "
        "pregúntame.|Normalmente con esto basta.",
        "join": " ",
    },
    "fr": {
        "templates": """
Quel temps va-t-il faire à {place} ce week-end ? Je prends un parapluie ?
Je pars à {place} la semaine prochaine, je mets quoi dans ma valise ?
Comment faire {dish} pour deux personnes ?
Des astuces pour réussir {dish} ?
Je n'ai que du poulet, des oignons et des œufs au frigo, je peux faire {dish} ?
Fais-moi un programme de trois jours à {place}
Qu'est-ce qu'il faut absolument manger à {place} ?
Je vais à {place} avec mes parents, des visites sans trop marcher ?
Que faire à la maison contre {ill} ?
Quand faut-il consulter pour {ill} ?
Quels aliments aident contre {ill} ?
Conseille-moi {item} à moins de 500 euros
Ça vaut le coup d'acheter {item} maintenant ou j'attends les soldes ?
À quoi faire attention quand on achète {item} ?
Écris un message de remerciement à {who}, pas trop formel
Aide-moi à dire poliment à {who} que je ne pourrai pas venir demain
Quelques vœux de bonne année pour {who}
Comment on dit « {phrase} » en anglais ?
Traduis « {phrase} » en anglais, de façon naturelle
Explique-moi en deux mots ce qu'est {topic}
C'est quoi {topic} ? Explique comme à un enfant de dix ans
Pourquoi on parle autant de {topic} en ce moment ?
Résume ce texte en trois phrases :\n{para}
De quoi parle ce texte ? En quelques mots\n\n{para}
Comment prendre l'habitude de me lever tôt ?
Comment dépenser moins en courses ce mois-ci ?
""",
        "dish": "une blanquette de veau|une ratatouille|un gratin dauphinois|une quiche "
        "lorraine|des crêpes|une soupe à l'oignon",
        "place": "Lyon|Marseille|Bordeaux|Strasbourg|Bruxelles|Montréal",
        "ill": "les maux de tête|l'insomnie|le mal de dos|la toux|les brûlures d'estomac",
        "item": "un ordinateur portable|des écouteurs sans fil|un purificateur d'air|des "
        "chaussures de running|un robot cuiseur",
        "who": "mon patron|mon propriétaire|un client|la maîtresse de mon fils",
        "phrase": "bon appétit|avoir la flemme|poser un lapin|c'est pas la mer à boire|ça marche",
        "topic": "l'inflation|la blockchain|la photosynthèse|le taux directeur|l'empreinte carbone",
        "paras": (
            "La mairie a annoncé que le ticket de bus augmentera de vingt centimes à partir du "
            "mois prochain. Selon l'adjoint aux transports, la hausse s'explique par le prix du "
            "carburant. Les tarifs réduits pour les étudiants et les seniors restent inchangés.",
            "Nous informons les résidents que mardi prochain, de 9 h à 17 h, aura lieu "
            "l'entretien annuel des ascenseurs. Ils seront hors service pendant cette période. "
            "Merci de votre compréhension.",
        ),
        "open": "Bonjour|Salut|Petite question :|Coucou",
        "close": "merci|merci beaucoup !|merci d'avance",
        "follow": "Tu peux faire plus court ?|Il y a une autre solution ?|Merci ! Et ça coûte "
        "combien à peu près ?|Donne-moi un exemple|Reformule de façon plus naturelle",
        "reply": "Bonne question !|Je te résume l'essentiel.|Le mieux est de commencer par les "
        "bases, petit à petit.|Ça dépend un peu de la situation.|Si tu veux plus de détails, "
        "demande-moi.|En général, ça suffit largement.",
        "join": " ",
    },
    "de": {
        "templates": """
Wie wird das Wetter am Wochenende in {place}? Brauche ich einen Schirm?
Ich fahre nächste Woche nach {place}, was soll ich anziehen?
Rezept für {dish} für zwei Personen
Hast du Tipps für {dish}?
Ich habe nur Hähnchen, Zwiebeln und Eier im Kühlschrank. Kann ich damit {dish} machen?
Mach mir einen Plan für drei Tage in {place}
Was muss man in {place} unbedingt essen?
Ich fahre mit meinen Eltern nach {place}, was kann man ohne viel Laufen anschauen?
Was hilft zu Hause gegen {ill}?
Wann sollte man mit {ill} zum Arzt gehen?
Welche Lebensmittel helfen bei {ill}?
Kannst du mir {item} unter 300 Euro empfehlen?
Lohnt es sich, jetzt {item} zu kaufen, oder lieber auf den Black Friday warten?
Worauf muss ich achten, wenn ich {item} kaufe?
Schreib eine Dankesnachricht an {who}, nicht zu förmlich
Hilf mir bei einer höflichen Nachricht an {who}: Ich kann morgen nicht kommen
Ein paar Neujahrsgrüße an {who}, bitte
Wie sagt man „{phrase}“ auf Englisch?
Übersetz „{phrase}“ natürlich ins Englische
Erklär mir kurz, was {topic} ist
Was ist {topic}? Erklär es so, dass es ein Zehnjähriger versteht
Warum ist {topic} gerade so oft in den Nachrichten?
Fass diesen Text in drei Sätzen zusammen:\n{para}
Worum geht es in dem Text? Kurz bitte\n\n{para}
Wie gewöhne ich mich daran, früh aufzustehen?
Wie spare ich diesen Monat beim Einkaufen?
""",
        "dish": "Kartoffelsuppe|Käsespätzle|Rouladen|Apfelstrudel|Linsensuppe|Flammkuchen",
        "place": "Hamburg|München|Wien|Köln|Dresden|Zürich",
        "ill": "Kopfschmerzen|Schlafstörungen|Rückenschmerzen|Husten|Sodbrennen",
        "item": "einen Laptop|kabellose Kopfhörer|einen Luftreiniger|Laufschuhe|eine "
        "Kaffeemaschine",
        "who": "meinen Chef|meinen Vermieter|einen Kunden|die Lehrerin meiner Tochter",
        "phrase": "Feierabend|Ich verstehe nur Bahnhof|Das ist mir Wurst|Mahlzeit|Schadenfreude",
        "topic": "die Inflation|eine Blockchain|die Photosynthese|der Leitzins|der CO2-Fußabdruck",
        "paras": (
            "Die Stadt hat angekündigt, dass der Busfahrschein ab nächstem Monat 20 Cent mehr "
            "kostet. Als Grund nannte die Verwaltung gestiegene Kosten für Diesel und Personal. "
            "Die Ermäßigungen für Schüler und Senioren bleiben bestehen.",
            "Liebe Mieterinnen und Mieter, am kommenden Dienstag werden von 9 bis 17 Uhr die "
            "Aufzüge gewartet. In dieser Zeit sind sie nicht nutzbar. Wir bitten um Ihr "
            "Verständnis.",
        ),
        "open": "Hallo|Hi,|Kurze Frage:|Moin,",
        "close": "danke|vielen Dank!|danke im Voraus",
        "follow": "Geht das auch kürzer?|Gibt es noch eine andere Möglichkeit?|Danke! Und was "
        "kostet das ungefähr?|Gib mir ein Beispiel|Formulier es etwas lockerer",
        "reply": "Gute Frage!|Ich fasse das Wichtigste kurz zusammen.|Am besten fängst du mit "
        "den Grundlagen an.|Das hängt ein bisschen von der Situation ab.|Wenn du mehr "
        "Details brauchst, frag gern nach.|Meistens reicht das schon.",
        "join": " ",
    },
    "pt": {
        "templates": """
Como vai estar o tempo em {place} no fim de semana? Levo guarda-chuva?
Vou para {place} semana que vem, que roupa eu levo?
Receita de {dish} para duas pessoas
Tem alguma dica pra fazer {dish}?
Só tenho frango, cebola e ovo na geladeira, dá pra fazer {dish}?
Monta um roteiro de três dias em {place}
O que não posso deixar de comer em {place}?
Vou levar meus pais para {place}, tem passeios sem precisar andar muito?
O que fazer em casa para aliviar {ill}?
Quando devo ir ao médico por causa de {ill}?
Quais alimentos ajudam com {ill}?
Me indica {item} até 3 mil reais
Vale a pena comprar {item} agora ou espero a Black Friday?
O que olhar na hora de comprar {item}?
Escreve uma mensagem de agradecimento para {who}, sem ser muito formal
Me ajuda a avisar {who} de forma educada que amanhã não vou poder ir
Me dá umas mensagens de feliz ano novo para {who}
Como se diz "{phrase}" em inglês?
Traduz "{phrase}" para o inglês de um jeito natural
Me explica rapidinho o que é {topic}
O que é {topic}? Explica como se eu tivesse dez anos
Por que estão falando tanto de {topic} ultimamente?
Resume esse texto em três frases:\n{para}
Do que fala esse texto? Resumindo\n\n{para}
Como criar o hábito de acordar cedo?
Como economizar no mercado este mês?
""",
        "dish": "feijoada|pão de queijo|moqueca|strogonoff de frango|bolo de cenoura|arroz de pato",
        "place": "Salvador|Gramado|Florianópolis|Recife|Lisboa|Porto",
        "ill": "dor de cabeça|insônia|dor nas costas|dor de garganta|azia",
        "item": "um notebook|um fone sem fio|um purificador de ar|um tênis de corrida|uma "
        "air fryer",
        "who": "meu chefe|o dono do apartamento|um cliente|a professora do meu filho",
        "phrase": "saudade|tô nem aí|fazer uma vaquinha|cafuné|vai dar certo",
        "topic": "inflação|blockchain|fotossíntese|taxa Selic|pegada de carbono",
        "paras": (
            "A prefeitura anunciou que a passagem de ônibus vai subir 50 centavos a partir do mês "
            "que vem. Segundo a secretaria de transportes, o reajuste se deve ao aumento do "
            "diesel. Estudantes e idosos continuam com desconto.",
            "Informamos aos moradores que na próxima terça-feira, das 9h às 17h, será feita a "
            "manutenção preventiva dos elevadores. Nesse período eles não poderão ser usados. "
            "Pedimos desculpas pelo transtorno.",
        ),
        "open": "Oi|Olá|Uma dúvida:|Bom dia",
        "close": "obrigado|valeu!|muito obrigada",
        "follow": "Pode resumir mais?|Tem outro jeito?|Valeu! E quanto custa mais ou menos?|"
        "Me dá um exemplo|Deixa mais natural",
        "reply": "Boa pergunta!|Vou resumir o principal.|O ideal é começar pelo básico e ir "
        "aos poucos.|Depende um pouco de cada caso.|Se quiser mais detalhes, é só pedir.|"
        "Normalmente isso já resolve.",
        "join": " ",
    },
    "it": {
        "templates": """
Che tempo farà a {place} questo weekend? Porto l'ombrello?
La settimana prossima vado a {place}, cosa mi metto in valigia?
Come si fa {dish}? Dosi per due persone
Hai qualche trucco per preparare {dish}?
Ho solo pollo, cipolle e uova in frigo, posso fare {dish}?
Organizzami tre giorni a {place}
Cosa bisogna assolutamente mangiare a {place}?
Vado a {place} con i miei genitori, cosa vedere senza camminare troppo?
Cosa posso fare a casa contro {ill}?
Quando bisogna andare dal medico per {ill}?
Quali cibi aiutano contro {ill}?
Mi consigli {item} sotto i 500 euro?
Conviene comprare {item} adesso o aspettare i saldi?
A cosa devo fare attenzione quando compro {item}?
Scrivi un messaggio di ringraziamento per {who}, non troppo formale
Aiutami a scrivere un messaggio gentile per {who}: domani non posso venire
Qualche frase di auguri di buon anno per {who}
Come si dice "{phrase}" in inglese?
Traduci "{phrase}" in un inglese naturale
Spiegami in breve cos'è {topic}
Cos'è {topic}? Spiegamelo come a un bambino
Perché si parla così tanto di {topic} ultimamente?
Riassumi questo testo in tre frasi:\n{para}
Di cosa parla questo testo? In poche parole\n\n{para}
Come prendo l'abitudine di svegliarmi presto?
Come risparmio sulla spesa questo mese?
""",
        "dish": "la carbonara|la parmigiana di melanzane|il risotto ai funghi|il tiramisù|la "
        "pasta e fagioli|l'ossobuco",
        "place": "Napoli|Torino|Palermo|Bologna|Firenze|Verona",
        "ill": "il mal di testa|l'insonnia|il mal di schiena|il mal di gola|l'acidità di stomaco",
        "item": "un portatile|delle cuffie wireless|un purificatore d'aria|delle scarpe da "
        "corsa|una friggitrice ad aria",
        "who": "il mio capo|il proprietario di casa|un cliente|la maestra di mio figlio",
        "phrase": "in bocca al lupo|meno male|magari|che figata|non vedo l'ora",
        "topic": "l'inflazione|la blockchain|la fotosintesi|lo spread|l'impronta di carbonio",
        "paras": (
            "Il comune ha annunciato che dal mese prossimo il biglietto dell'autobus aumenterà "
            "di venti centesimi. Secondo l'assessore ai trasporti, l'aumento è dovuto al costo "
            "del carburante. Restano le agevolazioni per studenti e over 65.",
            "Si comunica ai condomini che martedì prossimo, dalle 9 alle 17, verrà effettuata la "
            "manutenzione periodica degli ascensori. In quell'orario non saranno utilizzabili. "
            "Ci scusiamo per il disagio.",
        ),
        "open": "Ciao|Salve|Una domanda:|Buongiorno",
        "close": "grazie|grazie mille!|grazie in anticipo",
        "follow": "Puoi farla più breve?|C'è un altro modo?|Grazie! Quanto costa più o meno?|"
        "Fammi un esempio|Scrivilo in modo più naturale",
        "reply": "Bella domanda!|Ti riassumo l'essenziale.|Meglio partire dalle basi, un passo "
        "alla volta.|Dipende un po' dalla situazione.|Se vuoi più dettagli, chiedi pure.|Di "
        "solito questo basta.",
        "join": " ",
    },
    "pl": {
        "templates": """
Jaka będzie pogoda w {place} w weekend? Brać parasol?
Jadę w przyszłym tygodniu, nocuję w {place}. Co spakować?
Jak zrobić {dish} dla dwóch osób?
Masz jakieś triki, jak dobrze zrobić {dish}?
Mam w lodówce tylko kurczaka, cebulę i jajka. Da się z tego zrobić {dish}?
Zaplanuj mi trzy dni w {place}
Co koniecznie trzeba zjeść w {place}?
Chcemy z rodzicami odpocząć w {place}, co zobaczyć bez długiego chodzenia?
Co robić w domu przy {ill}?
Kiedy przy {ill} trzeba iść do lekarza?
Jakie produkty pomagają przy {ill}?
Poleć mi {item} do 3000 zł
Czy warto kupić {item} teraz, czy czekać na wyprzedaże?
Na co zwrócić uwagę, kupując {item}?
Napisz podziękowanie dla {who}, niezbyt oficjalnie
Pomóż mi napisać uprzejmą wiadomość dla {who}, że jutro nie przyjdę
Kilka życzeń noworocznych dla {who}
Jak powiedzieć po angielsku „{phrase}”?
Przetłumacz „{phrase}” na naturalny angielski
Co to jest {topic}? Wyjaśnij krótko
Co to jest {topic}? Wytłumacz jak dziecku
W skrócie: {topic} — o co chodzi i czemu wszyscy o tym mówią?
Streść ten tekst w trzech zdaniach:\n{para}
O czym jest ten tekst? W paru słowach\n\n{para}
Jak przyzwyczaić się do wczesnego wstawania?
Jak zaoszczędzić na zakupach w tym miesiącu?
""",
        "dish": "pierogi|żurek|bigos|gołąbki|placki ziemniaczane|szarlotkę",
        "place": "Krakowie|Gdańsku|Zakopanem|Wrocławiu|Poznaniu|Toruniu",
        "ill": "bólu głowy|bezsenności|bólu pleców|przeziębieniu|zgadze",
        "item": "laptopa|słuchawki bezprzewodowe|oczyszczacz powietrza|buty do biegania|"
        "ekspres do kawy",
        "who": "szefa|właściciela mieszkania|klienta|wychowawczyni syna",
        "phrase": "smacznego|nie mój cyrk, nie moje małpy|jakoś to będzie|mam to z głowy|"
        "na zdrowie",
        "topic": "inflacja|blockchain|fotosynteza|stopa procentowa|ślad węglowy",
        "paras": (
            "Miasto ogłosiło, że od przyszłego miesiąca bilet autobusowy zdrożeje o 40 groszy. "
            "Urzędnicy tłumaczą podwyżkę rosnącymi kosztami paliwa i wynagrodzeń kierowców. "
            "Ulgi dla uczniów i seniorów pozostają bez zmian.",
            "Informujemy mieszkańców, że w najbliższy wtorek w godzinach 9:00–17:00 odbędzie "
            "się okresowy przegląd wind. W tym czasie windy będą wyłączone. Przepraszamy za "
            "utrudnienia.",
        ),
        "open": "Cześć|Dzień dobry|Mam pytanie:|Hej",
        "close": "dzięki|dziękuję bardzo!|z góry dzięki",
        "follow": "Możesz krócej?|Jest jakiś inny sposób?|Dzięki! A ile to mniej więcej "
        "kosztuje?|Podaj przykład|Napisz to bardziej naturalnie",
        "reply": "Dobre pytanie!|Streszczę najważniejsze rzeczy.|Najlepiej zacząć od podstaw "
        "i iść krok po kroku.|To trochę zależy od sytuacji.|Jeśli potrzebujesz więcej "
        "szczegółów, pytaj śmiało.|Zwykle to wystarczy.",
        "join": " ",
    },
    "nl": {
        "templates": """
Wat voor weer wordt het dit weekend in {place}? Moet ik een paraplu meenemen?
Ik ga volgende week naar {place}, wat moet ik aantrekken?
Recept voor {dish} voor twee personen
Tips om {dish} lekker te maken?
Ik heb alleen kip, uien en eieren in de koelkast. Kan ik daarmee {dish} maken?
Maak een planning voor drie dagen {place}
Wat moet je echt gegeten hebben in {place}?
Ik ga met mijn ouders naar {place}, wat kunnen we zien zonder veel te lopen?
Wat kan ik thuis doen tegen {ill}?
Wanneer moet je met {ill} naar de huisarts?
Welk eten helpt tegen {ill}?
Kun je {item} onder de 500 euro aanraden?
Moet ik nu {item} kopen of wachten op de uitverkoop?
Waar moet ik op letten als ik {item} koop?
Schrijf een bedankberichtje voor {who}, niet te formeel
Help me {who} netjes te laten weten dat ik morgen niet kan komen
Een paar nieuwjaarswensen voor {who}
Hoe zeg je "{phrase}" in het Engels?
Vertaal "{phrase}" naar natuurlijk Engels
Leg kort uit wat {topic} is
Wat is {topic}? Leg het uit alsof ik tien ben
Waarom hoor je de laatste tijd zoveel over {topic}?
Vat deze tekst samen in drie zinnen:\n{para}
Waar gaat deze tekst over? In het kort\n\n{para}
Hoe wen ik eraan om vroeg op te staan?
Hoe bespaar ik deze maand op boodschappen?
""",
        "dish": "stamppot boerenkool|erwtensoep|bitterballen|appeltaart|hutspot|poffertjes",
        "place": "Amsterdam|Utrecht|Maastricht|Groningen|Gent|Antwerpen",
        "ill": "hoofdpijn|slapeloosheid|rugpijn|keelpijn|maagzuur",
        "item": "een laptop|draadloze oordopjes|een luchtreiniger|hardloopschoenen|een airfryer",
        "who": "mijn leidinggevende|mijn huisbaas|een klant|de juf van mijn zoon",
        "phrase": "gezellig|uitwaaien|lekker bezig|het is niet anders|eet smakelijk",
        "topic": "inflatie|blockchain|fotosynthese|de rente|een CO2-voetafdruk",
        "paras": (
            "De gemeente heeft aangekondigd dat een buskaartje vanaf volgende maand twintig cent "
            "duurder wordt. Volgens de wethouder komt dat door de hogere brandstofprijzen. De "
            "korting voor scholieren en 65-plussers blijft bestaan.",
            "Beste bewoners, aanstaande dinsdag van 9.00 tot 17.00 uur vindt het periodieke "
            "onderhoud van de liften plaats. De liften zijn in die tijd buiten gebruik. Excuses "
            "voor het ongemak.",
        ),
        "open": "Hoi|Hallo|Vraagje:|Goedemorgen",
        "close": "dank je|bedankt!|alvast bedankt",
        "follow": "Kan het korter?|Is er nog een andere manier?|Dank je! Wat kost dat "
        "ongeveer?|Geef eens een voorbeeld|Schrijf het wat natuurlijker",
        "reply": "Goede vraag!|Ik zet het belangrijkste even op een rij.|Begin het liefst bij "
        "de basis, stap voor stap.|Het hangt een beetje van de situatie af.|Wil je meer "
        "details, vraag het gerust.|Meestal is dit genoeg.",
        "join": " ",
    },
    "sv": {
        "templates": """
Hur blir vädret i {place} i helgen? Behöver jag paraply?
Jag åker till {place} nästa vecka, vad ska jag ha på mig?
Recept på {dish} för två personer
Tips för att lyckas med {dish}?
Jag har bara kyckling, lök och ägg hemma. Kan jag göra {dish} av det?
Gör en plan för tre dagar i {place}
Vad måste man äta i {place}?
Jag åker till {place} med mina föräldrar, vad kan vi se utan att gå så mycket?
Vad kan jag göra hemma mot {ill}?
När ska man söka vård för {ill}?
Vilken mat hjälper mot {ill}?
Kan du rekommendera {item} under 5000 kronor?
Ska jag köpa {item} nu eller vänta på rean?
Vad ska jag tänka på när jag köper {item}?
Skriv ett tackmeddelande till {who}, inte för formellt
Hjälp mig skriva ett artigt meddelande till {who} om att jag inte kan komma i morgon
Några nyårshälsningar till {who}
Hur säger man "{phrase}" på engelska?
Översätt "{phrase}" till naturlig engelska
Förklara kort vad {topic} är
Vad är {topic}? Förklara som för en tioåring
Varför pratar alla om {topic} just nu?
Sammanfatta texten i tre meningar:\n{para}
Vad handlar den här texten om? Kort\n\n{para}
Hur vänjer jag mig vid att gå upp tidigt?
Hur sparar jag på matinköpen den här månaden?
""",
        "dish": "köttbullar|pyttipanna|kanelbullar|ärtsoppa|laxpudding|raggmunk",
        "place": "Stockholm|Göteborg|Malmö|Uppsala|Visby|Kiruna",
        "ill": "huvudvärk|sömnproblem|ryggont|halsont|halsbränna",
        "item": "en laptop|trådlösa hörlurar|en luftrenare|löparskor|en kaffebryggare",
        "who": "min chef|min hyresvärd|en kund|min sons lärare",
        "phrase": "lagom|fika|tack för senast|det löser sig|smaklig måltid",
        "topic": "inflation|blockkedjor|fotosyntes|styrräntan|ett koldioxidavtryck",
        "paras": (
            "Kommunen meddelar att bussbiljetten blir fem kronor dyrare från och med nästa månad. "
            "Enligt trafiknämnden beror höjningen på dyrare drivmedel. Rabatten för studenter och "
            "pensionärer finns kvar.",
            "Till alla boende: på tisdag mellan klockan 9 och 17 genomförs service på hissarna. "
            "Under den tiden går hissarna inte att använda. Vi ber om ursäkt för besväret.",
        ),
        "open": "Hej|Hallå|En fråga:|Tjena",
        "close": "tack|tack så mycket!|tack på förhand",
        "follow": "Kan du korta ner det?|Finns det något annat sätt?|Tack! Vad kostar det "
        "ungefär?|Ge ett exempel|Skriv det lite mer naturligt",
        "reply": "Bra fråga!|Jag sammanfattar det viktigaste.|Börja gärna med grunderna, steg "
        "för steg.|Det beror lite på situationen.|Vill du ha mer detaljer är det bara att "
        "fråga.|Oftast räcker det här.",
        "join": " ",
    },
}
