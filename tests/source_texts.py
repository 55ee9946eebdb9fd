"""Messages as written in the app's source, for tests that check each one is translated."""

from __future__ import annotations

import ast


def message_template(node: ast.expr) -> str | None:
    """A string literal's text; an f-string's with each {…} value replaced by %1, %2 …"""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts, number = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                number += 1
                parts.append(f"%{number}")
        return "".join(parts)
    return None
