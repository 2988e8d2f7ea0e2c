"""Everyday phrasing in languages other than English, and the language codes (LANGS)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ForeignBank:
    """Everyday phrasing in one language other than English."""

    lang: str
    openers: tuple[str, ...]
    closers: tuple[str, ...]
    asks: tuple[tuple[str, tuple[str, ...]], ...]  # (template with {x}, slot values)
    follow: tuple[str, ...]
    steps: tuple[str, ...]


def _split(s: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in s.split("|") if p.strip())


FOREIGN: dict[str, ForeignBank] = {
    "es": ForeignBank(
        "es",
        _split("hola|buenas|Hola, una pregunta:|oye|Buenos días."),
        _split("gracias|¡gracias!|muchas gracias|gracias de antemano"),
        (
            (
                "¿Cómo preparo {x}?",
                _split("una paella|tortilla de patatas|pan casero|arroz con leche|un gazpacho"),
            ),
            (
                "¿Qué me recomiendas visitar en {x}?",
                _split("Sevilla|Ciudad de México|Buenos Aires|Cartagena|Lisboa|Barcelona"),
            ),
            (
                "¿Qué puede causar {x}?",
                _split("dolor de cabeza|insomnio|dolor de espalda|tos seca|cansancio"),
            ),
            (
                "explícame {x} de forma sencilla",
                _split("la inflación|la fotosíntesis|los agujeros negros|la Guerra Fría"),
            ),
            (
                "¿Cómo escribo un correo a {x}?",
                _split("mi jefe|el casero|un cliente|la profesora de mi hijo"),
            ),
            (
                "dame ideas para {x}",
                _split("un cumpleaños|una cena barata|ahorrar dinero|hacer ejercicio en casa"),
            ),
            (
                "¿Cómo cuido {x}?",
                _split("un cachorro|mis plantas|un gato mayor|un huerto pequeño"),
            ),
            (
                "¿Cuál es la diferencia entre {x}?",
                _split("ser y estar|un virus y una bacteria|ahorro e inversión"),
            ),
            (
                "ayúdame a preparar {x}",
                _split("una entrevista de trabajo|un discurso de boda|mi currículum"),
            ),
            (
                "¿Cómo resuelvo {x}?",
                _split("una ecuación de segundo grado|un problema de porcentajes|fracciones"),
            ),
        ),
        _split("gracias, ¿y qué tal {x}?|¿puedes resumirlo?|¿y si no tengo horno?|vale, ¿y luego?"),
        _split("explícamelo paso a paso|muéstrame el razonamiento|paso a paso, por favor"),
    ),
    "fr": ForeignBank(
        "fr",
        _split("bonjour|salut|Bonjour, petite question :|coucou|Bonsoir,"),
        _split("merci|merci beaucoup !|merci d'avance|merci bien"),
        (
            (
                "comment faire {x} ?",
                _split("une quiche lorraine|un bœuf bourguignon|des crêpes|une tarte aux pommes"),
            ),
            (
                "que visiter à {x} en trois jours ?",
                _split("Lyon|Marseille|Montréal|Bruxelles|Bordeaux|Genève"),
            ),
            (
                "quelles sont les causes de {x} ?",
                _split("la fatigue chronique|maux de tête|douleurs au dos|l'insomnie"),
            ),
            (
                "peux-tu m'expliquer {x} simplement ?",
                _split("la Révolution française|l'inflation|la relativité|le réchauffement"),
            ),
            (
                "aide-moi à écrire un mail à {x}",
                _split("mon propriétaire|mon patron|un client mécontent|la mairie"),
            ),
            (
                "des idées pour {x} ?",
                _split("un anniversaire|un week-end à deux|économiser|bien dormir"),
            ),
            (
                "comment entretenir {x} ?",
                _split("un potager|un chiot|des orchidées|un vélo"),
            ),
            (
                "quelle est la différence entre {x} ?",
                _split(
                    "un CDD et un CDI|le passé composé et l'imparfait|un PEA et une assurance vie"
                ),
            ),
            (
                "comment résoudre {x} ?",
                _split("une équation du second degré|un problème de pourcentages|un système"),
            ),
        ),
        _split("merci, et pour {x} ?|tu peux faire plus court ?|et si je n'ai pas de four ?"),
        _split("explique étape par étape|montre ton raisonnement|détaille chaque étape"),
    ),
    "de": ForeignBank(
        "de",
        _split("hallo|Hi,|Guten Tag,|kurze Frage:|Moin,"),
        _split("danke|vielen Dank!|danke im Voraus|danke dir"),
        (
            (
                "wie mache ich {x}?",
                _split("Kartoffelsalat|einen Apfelstrudel|Spätzle|ein Sauerteigbrot|Gulasch"),
            ),
            (
                "was kann man in {x} unternehmen?",
                _split("Hamburg|Wien|München|Zürich|Leipzig|Dresden"),
            ),
            (
                "was hilft gegen {x}?",
                _split("Rückenschmerzen|Schlafprobleme|Kopfschmerzen|Heuschnupfen"),
            ),
            (
                "erklär mir {x} einfach",
                _split("die Inflation|die Photosynthese|den Kalten Krieg|Quantencomputer"),
            ),
            (
                "schreib mir eine E-Mail an {x}",
                _split("meinen Vermieter|meinen Chef|die Versicherung|einen Kunden"),
            ),
            (
                "tipps für {x}?",
                _split("ein Vorstellungsgespräch|den Garten im Herbst|einen Umzug|Sparen"),
            ),
            (
                "was ist der Unterschied zwischen {x}?",
                _split("ETF und Aktie|Virus und Bakterie|Miete und Pacht"),
            ),
            (
                "wie rechne ich {x}?",
                _split("Prozente|Brüche|den Dreisatz|eine quadratische Gleichung"),
            ),
        ),
        _split("danke, und {x}?|geht das auch kürzer?|und wenn ich keinen Ofen habe?"),
        _split("erklär es Schritt für Schritt|zeig mir den Rechenweg|bitte Schritt für Schritt"),
    ),
    "pt": ForeignBank(
        "pt",
        _split("oi|olá|Olá, uma dúvida:|bom dia|e aí"),
        _split("obrigado|obrigada!|valeu|muito obrigado"),
        (
            (
                "como faço {x}?",
                _split("pão de queijo|feijoada|brigadeiro|bolo de cenoura|moqueca"),
            ),
            (
                "o que fazer em {x}?",
                _split("Lisboa|Rio de Janeiro|Salvador|Porto|Florianópolis|São Paulo"),
            ),
            (
                "o que pode causar {x}?",
                _split("dor de cabeça|insônia|dor nas costas|cansaço constante"),
            ),
            (
                "me explica {x} de um jeito simples",
                _split("a inflação|a fotossíntese|buracos negros|a Revolução Industrial"),
            ),
            (
                "me ajuda a escrever um e-mail para {x}",
                _split("meu chefe|o proprietário|um cliente|a escola"),
            ),
            (
                "dicas para {x}?",
                _split("uma entrevista de emprego|economizar dinheiro|dormir melhor|correr"),
            ),
            (
                "como resolver {x}?",
                _split("uma equação do segundo grau|porcentagem|frações|regra de três"),
            ),
        ),
        _split("valeu, e {x}?|pode resumir?|e se eu não tiver forno?"),
        _split("explica passo a passo|mostra o raciocínio|passo a passo, por favor"),
    ),
    "it": ForeignBank(
        "it",
        _split("ciao|salve|Buongiorno,|una domanda:"),
        _split("grazie|grazie mille!|grazie in anticipo"),
        (
            (
                "come si prepara {x}?",
                _split("il tiramisù|la carbonara|il risotto|la focaccia|le lasagne"),
            ),
            (
                "cosa vedere a {x}?",
                _split("Napoli|Firenze|Torino|Palermo|Bologna"),
            ),
            (
                "cosa può causare {x}?",
                _split("mal di testa|insonnia|mal di schiena|stanchezza"),
            ),
            (
                "spiegami {x} in modo semplice",
                _split("l'inflazione|la fotosintesi|i buchi neri|la Guerra Fredda"),
            ),
            (
                "aiutami a scrivere una mail a {x}",
                _split("il mio capo|il padrone di casa|un cliente"),
            ),
            (
                "come risolvo {x}?",
                _split("un'equazione di secondo grado|le percentuali|le frazioni"),
            ),
        ),
        _split("grazie, e {x}?|puoi riassumere?|e se non ho il forno?"),
        _split("spiegamelo passo dopo passo|mostrami il ragionamento"),
    ),
}
LANGS: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "it")
