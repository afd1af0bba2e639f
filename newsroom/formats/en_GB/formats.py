"""British English as Django writes it, with the 24-hour clock of the reader's site and of the
newsroom's messages ("31 Aug 2024, 18:00", never "6 p.m."). Anything not set here is Django's."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
