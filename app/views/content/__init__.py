"""The Content plan tab's parts: calendar, board, list, editors and the learning views."""
