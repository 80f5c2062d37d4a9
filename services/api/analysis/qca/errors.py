"""The error raised for input that the QCA functions refuse."""


class QcaInputError(ValueError):
    """Input that R's QCA package refuses, or that has no meaning there; the message says what
    is wrong and how to put it right."""
