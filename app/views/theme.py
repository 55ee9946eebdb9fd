"""A light, calm look: cards for key figures, readable tables."""

STYLE_SHEET = """
QFrame#KpiCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
QLabel#KpiCaption { color: palette(placeholder-text); font-size: 12px; }
QLabel#KpiValue { font-size: 20px; font-weight: 600; }
QLabel#EmptyHint { color: palette(placeholder-text); font-size: 15px; padding: 40px; }
QLabel#WelcomeTitle { font-size: 26px; font-weight: 600; }
QLabel#WelcomeText { font-size: 14px; color: palette(placeholder-text); }
QFrame#DropZone {
    border: 2px dashed palette(mid);
    border-radius: 10px;
    background: palette(base);
}
"""
