"""The monthly report: one document (pages as A4 matplotlib Figures) for the PDF and the printer.

Qt-free: :mod:`app.services.reports` gathers the data from the store and writes the PDF; the GUI
paints the same pages onto a QPrinter.
"""
