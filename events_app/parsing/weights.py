"""The weights of the evidence, per field (see evidence.py).

Hand-set this session, not fitted: the first weights keep the order of the old first-match
rules (a higher weight for the rule that used to fire first), so the refactor changed no
output, and each new piece of evidence came in with a weight chosen by reasoning about what
it means, then checked on the development sets. A fitted replacement belongs in a training
script with k-fold figures (see the README).
"""

# Titles: where the words came from, then what speaks against them.
TITLE = {
    "field": 12.0,  # 'Title:' / 'Topic:' labelled line
    "quoted": 11.0,  # a quoted name in the event's clause
    "named_session_lead": 10.0,  # 'a panel on housing' before the date
    "announced": 9.0,  # 'X is proud to present the Summer Gala'
    "held": 8.0,  # 'will hold a rally'
    "lead": 7.0,  # the words before the date
    "after_named": 6.0,  # 'Sat 3 Aug – Summer picnic'
    "named_session": 5.0,
    "preamble": 4.0,  # 'Public meeting: ... Tuesday'
    "context": 3.0,  # a label line, quotation or heading in the sentences before
    "festival": 2.0,
    "after": 1.0,  # the words after the date
    "heading": 0.5,  # the nearest heading line above the event
    # against
    "is_label": -50.0,  # 'When', 'Date', 'Time': a label is not a name
    "calendar_only": -50.0,  # 'Tuesday', 'March'
    "page_line": -50.0,  # 'Posted by ...', 'Published ...'
}
TITLE_THRESHOLD = 0.0
