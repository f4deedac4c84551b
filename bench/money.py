"""Money text as the benchmark tools read it (shared by the Python writers)."""


def parse_money(text):
    """Money text as Appendix reads it: £ and thousands commas stripped, (x) negative, '-' zero.
    Returns None when the text is not a number."""
    s = text.strip()
    if not s:
        return None
    if s == "-":
        return 0.0
    negative = False
    if s[0] == "(" and s[-1] == ")":
        negative = True
        s = s[1:-1]
    s = s.replace("£", "").replace("€", "").replace("$", "").replace(",", "").replace(" ", "")
    try:
        value = float(s)
    except ValueError:
        return None
    return -value if negative else value
