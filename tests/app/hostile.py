"""Attacker-controlled text the dashboard must show inert (used by the app tests)."""

HOSTILE = "![x](http://198.51.100.7/beacon) <script>alert(1)</script> **bold** <b>b</b>"
# Attacker-controlled text of every kind the dashboard must show inert.
HOSTILE_STRINGS = (
    HOSTILE,
    "[click me](http://198.51.100.7/phish) <a href='http://198.51.100.7/a'>link</a>",
    "<img src=x onerror=alert(2)> <iframe src='http://198.51.100.7/f'></iframe>",
    "\x1b[31mred\x1b[0m \x1b]8;;http://198.51.100.7\x1b\\ansi link\x1b]8;;\x1b\\",
    "\u202eevil.exe\u202c right-to-left override \u2066isolate\u2069",
    "null\x00byte in the middle",
    "$$\\href{http://198.51.100.7}{x}$$ :material/warning: {{7*7}}",
    "A" * (1024 * 1024),
)
